using System.Globalization;
using System.Text;

namespace TrafficWatch.Simulation;

/// <summary>The RTSP/1.0 dialogue an NVR has with a camera before RTP flows interleaved on the same TCP connection.</summary>
internal static class RtspMessages
{
    public static byte[] Request(string method, string url, int cseq, string? extra = null)
    {
        var text = $"{method} {url} RTSP/1.0\r\nCSeq: {cseq}\r\nUser-Agent: NVR-Recorder/4.1\r\n{extra}\r\n";
        return Encoding.ASCII.GetBytes(text);
    }

    public static byte[] Response(int cseq, string server, string? extra = null, string? body = null)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nServer: {server}\r\n");
        sb.Append(extra);
        if (body is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Content-Type: application/sdp\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        }
        else
        {
            sb.Append("\r\n");
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    public static string Sdp(string cameraIp, string name) =>
        "v=0\r\n" +
        $"o=- 1109162014219182 1109162014219192 IN IP4 {cameraIp}\r\n" +
        $"s={name}\r\n" +
        "t=0 0\r\n" +
        "a=control:*\r\n" +
        "m=video 0 RTP/AVP 96\r\n" +
        "a=rtpmap:96 H264/90000\r\n" +
        "a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z01AHpY1QWAb/AUJ,aO48gA==\r\n" +
        "a=control:trackID=1\r\n";
}
