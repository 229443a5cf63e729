using System.Globalization;

namespace TrafficWatch.Simulation;

/// <summary>A camera's normal day: DHCP, ARP, DNS for the NTP server, NTP, and the NVR pulling its RTSP stream.</summary>
internal sealed class CameraBehaviour(SimulationContext context, NetworkServices services, PayloadBlob blob, int bitrateKbps)
{
    public IEnumerable<long> Run(SimHost camera)
    {
        foreach (var delay in services.Dhcp(camera))
        {
            yield return delay;
        }
        yield return context.Seconds(0.05, 0.3);
        foreach (var delay in services.ArpGateway(camera))
        {
            yield return delay;
        }
        yield return context.Seconds(0.5, 3);
        foreach (var delay in services.Lookup(camera, "ntp." + NetworkPlan.Domain))
        {
            yield return delay;
        }
        context.Spawn(services.NtpLoop(camera, 280, 340), context.Now + 500);
        context.Spawn(NvrPull(camera), context.Now + context.Seconds(1, 6));
    }

    /// <summary>The NVR opens RTSP to the camera (OPTIONS, DESCRIBE, SETUP, PLAY) and records the interleaved RTP stream.</summary>
    private IEnumerable<long> NvrPull(SimHost camera)
    {
        var nvr = context.Plan.Nvr;
        var vendor = camera.Vendor ?? DeviceVendor.Hikvision;
        foreach (var delay in services.Arp(nvr, camera.IPAddress, camera))
        {
            yield return delay;
        }
        yield return 300;
        var session = new TcpSession(context, nvr, camera, 554);
        foreach (var delay in session.Open())
        {
            yield return delay;
        }
        var url = string.Create(CultureInfo.InvariantCulture, $"rtsp://{camera.IPAddress}:554{vendor.RtspPath}");
        var sessionId = context.Random.Next(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var steps = new (byte[] Request, byte[] Response)[]
        {
            (RtspMessages.Request("OPTIONS", url, 1),
                RtspMessages.Response(1, vendor.RtspServer, "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n")),
            (RtspMessages.Request("DESCRIBE", url, 2, "Accept: application/sdp\r\n"),
                RtspMessages.Response(2, vendor.RtspServer, $"Content-Base: {url}/\r\n", RtspMessages.Sdp(camera.IPAddress.ToString(), vendor.Model))),
            (RtspMessages.Request("SETUP", url + "/trackID=1", 3, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n"),
                RtspMessages.Response(3, vendor.RtspServer, $"Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: {sessionId};timeout=60\r\n")),
            (RtspMessages.Request("PLAY", url, 4, $"Session: {sessionId}\r\nRange: npt=0.000-\r\n"),
                RtspMessages.Response(4, vendor.RtspServer, $"Session: {sessionId}\r\nRTP-Info: url={url}/trackID=1;seq=0\r\n")),
        };
        foreach (var (request, response) in steps)
        {
            foreach (var delay in session.Exchange(request, response))
            {
                yield return delay;
            }
            yield return 200;
        }
        var stream = new RtpStream(context, session, blob, bitrateKbps) { Url = url, SessionId = sessionId, Server = vendor.RtspServer };
        foreach (var delay in stream.Run())
        {
            yield return delay;
        }
    }
}
