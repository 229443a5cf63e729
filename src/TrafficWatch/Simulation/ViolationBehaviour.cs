using System.Text;

namespace TrafficWatch.Simulation;

/// <summary>
/// The injected violations. Each records its <see cref="InjectedViolation"/> when its first violating packet is
/// written, so a violation cut off by the end of the capture is never claimed. Apart from the violation itself each
/// behaves cleanly (names are resolved first unless skipping DNS is the violation), so one scenario triggers one rule.
/// </summary>
internal sealed class ViolationBehaviour(SimulationContext context, NetworkServices services)
{
    private NetworkPlan Plan => context.Plan;

    /// <summary>Hikvision camera: resolve the Hik-Connect name, TLS with SNI, upload a few hundred KB.</summary>
    public IEnumerable<long> VendorCloud(SimHost camera)
    {
        var destination = SimulatedDestinations.HikConnect;
        foreach (var delay in services.Lookup(camera, destination.Name))
        {
            yield return delay;
        }
        yield return 300;
        var random = context.Random;
        var cloud = Plan.External(destination);
        var session = new TcpSession(context, camera, cloud, 443);
        context.RecordViolation(SimulationScenarios.VendorCloud, camera, cloud, 443, destination.Name,
            $"{camera.Info.Name} uploads to {destination.Name} ({destination.CountryIsoCode}) over TLS");
        foreach (var delay in Tls(session, destination.Name, browser: false))
        {
            yield return delay;
        }
        foreach (var delay in session.Exchange(TlsRecords.ApplicationData(random, random.Next(300_000, 600_000)), TlsRecords.ApplicationData(random, 380)))
        {
            yield return delay;
        }
        foreach (var delay in session.Close())
        {
            yield return delay;
        }
    }

    /// <summary>Dahua camera: TCP to a P2P relay address with no DNS lookup, a short binary exchange and heartbeats.</summary>
    public IEnumerable<long> DirectIp(SimHost camera)
    {
        var random = context.Random;
        var relay = Plan.External(SimulatedDestinations.DahuaP2p);
        var session = new TcpSession(context, camera, relay, 37777);
        context.RecordViolation(SimulationScenarios.DirectIp, camera, relay, 37777, null,
            $"{camera.Info.Name} connects to {relay.IPAddress}:37777 without resolving a name");
        foreach (var delay in session.Open())
        {
            yield return delay;
        }
        for (var i = 0; i < 4; i++)
        {
            var hello = new PayloadBuilder().U32(0xA0010000).U32((uint)i).Random(random, 248).ToArray();
            foreach (var delay in session.Exchange(hello, new PayloadBuilder().U32(0xB0010000).Random(random, 60).ToArray()))
            {
                yield return delay;
            }
            yield return context.Seconds(5, 8);
        }
        foreach (var delay in session.Close())
        {
            yield return delay;
        }
    }

    /// <summary>ESP sensor: resolve once, then every 60 s ± 1 s a short TCP connection with a constant 96/48-byte exchange.</summary>
    public IEnumerable<long> Beaconing(SimHost sensor)
    {
        var destination = SimulatedDestinations.TuyaBeacon;
        foreach (var delay in services.Lookup(sensor, destination.Name))
        {
            yield return delay;
        }
        yield return 400;
        var random = context.Random;
        var target = Plan.External(destination);
        var recorded = false;
        while (true)
        {
            var session = new TcpSession(context, sensor, target, 8886);
            if (!recorded)
            {
                context.RecordViolation(SimulationScenarios.Beaconing, sensor, target, 8886, destination.Name,
                    $"{sensor.Info.Name} beacons to {target.IPAddress}:8886 every 60 s");
                recorded = true;
            }
            var start = context.Now;
            foreach (var delay in session.Open())
            {
                yield return delay;
            }
            foreach (var delay in session.Exchange(new PayloadBuilder().Random(random, 96).ToArray(), new PayloadBuilder().Random(random, 48).ToArray()))
            {
                yield return delay;
            }
            foreach (var delay in session.Close())
            {
                yield return delay;
            }
            var spent = context.Now - start;
            yield return SimulationContext.Seconds(60) + random.Next(-1_000_000, 1_000_001) - spent;
        }
    }

    /// <summary>ESP sensor: TXT queries with long base32 labels under one domain, roughly one a second, for three minutes.</summary>
    public IEnumerable<long> DnsTunnel(SimHost sensor)
    {
        var random = context.Random;
        var end = context.Now + SimulationContext.Seconds(180);
        context.RecordViolation(SimulationScenarios.DnsTunnel, sensor, Plan.Resolver, 53, SimulatedDestinations.TunnelDomain,
            $"{sensor.Info.Name} tunnels data in DNS queries under {SimulatedDestinations.TunnelDomain}");
        for (var sequence = 0; context.Now < end; sequence++)
        {
            var name = new StringBuilder()
                .Append(NetworkServices.RandomToken(random, 60)).Append('.')
                .Append(NetworkServices.RandomToken(random, 32)).Append('.')
                .Append(sequence.ToString("x4", System.Globalization.CultureInfo.InvariantCulture)).Append('.')
                .Append(SimulatedDestinations.TunnelDomain).ToString();
            foreach (var delay in services.Lookup(sensor, name, DnsMessages.TypeTxt))
            {
                yield return delay;
            }
            yield return context.Seconds(0.4, 1.4);
        }
    }

    /// <summary>A Raspberry Pi plugged into a camera port: DHCP, ARP for the gateway, then an ARP sweep of the camera range.</summary>
    public IEnumerable<long> RogueDevice(SimHost rogue)
    {
        context.RecordViolation(SimulationScenarios.RogueDevice, rogue, null, 67, null,
            $"unknown {rogue.Info.Vendor} device {rogue.Mac} joins camera VLAN {rogue.Vlan}");
        foreach (var delay in services.Dhcp(rogue))
        {
            yield return delay;
        }
        yield return context.Seconds(0.5, 2);
        foreach (var delay in services.ArpGateway(rogue))
        {
            yield return delay;
        }
        var cameras = Plan.Cameras;
        for (var i = 0; i < Math.Min(cameras.Count, 24); i++)
        {
            yield return context.Seconds(0.1, 0.4);
            foreach (var delay in services.Arp(rogue, cameras[i].IPAddress, cameras[i]))
            {
                yield return delay;
            }
        }
    }

    /// <summary>Camera: every 150-240 s, resolve, TLS, upload 400-600 KB, close: about 9 MB an hour, each upload small enough to look routine.</summary>
    public IEnumerable<long> SlowDrip(SimHost camera)
    {
        var destination = SimulatedDestinations.DripCollector;
        var random = context.Random;
        var collector = Plan.External(destination);
        var recorded = false;
        while (true)
        {
            foreach (var delay in services.Lookup(camera, destination.Name))
            {
                yield return delay;
            }
            yield return 300;
            var session = new TcpSession(context, camera, collector, 443);
            if (!recorded)
            {
                context.RecordViolation(SimulationScenarios.SlowDrip, camera, collector, 443, destination.Name,
                    $"{camera.Info.Name} sends small uploads to {destination.Name} every few minutes");
                recorded = true;
            }
            foreach (var delay in Tls(session, destination.Name, browser: false))
            {
                yield return delay;
            }
            foreach (var delay in session.Exchange(TlsRecords.ApplicationData(random, random.Next(400_000, 600_000)), TlsRecords.ApplicationData(random, 90)))
            {
                yield return delay;
            }
            foreach (var delay in session.Close())
            {
                yield return delay;
            }
            yield return context.Seconds(150, 240);
        }
    }

    /// <summary>Camera: resolve the installer's support host and log in over telnet (credentials in clear).</summary>
    public IEnumerable<long> CleartextManagement(SimHost camera)
    {
        var destination = SimulatedDestinations.TelnetServer;
        foreach (var delay in services.Lookup(camera, destination.Name))
        {
            yield return delay;
        }
        yield return 300;
        var server = Plan.External(destination);
        var session = new TcpSession(context, camera, server, 23);
        context.RecordViolation(SimulationScenarios.CleartextManagement, camera, server, 23, destination.Name,
            $"{camera.Info.Name} opens telnet to {destination.Name}");
        foreach (var delay in session.Open())
        {
            yield return delay;
        }
        byte[] negotiation = [0xFF, 0xFD, 0x18, 0xFF, 0xFD, 0x20, 0xFF, 0xFD, 0x23, 0xFF, 0xFD, 0x27];
        foreach (var delay in session.Send(fromClient: false, negotiation))
        {
            yield return delay;
        }
        var dialogue = new (string Client, string Server)[]
        {
            ("\xff\xfc\x18\xff\xfc\x20\xff\xfc\x23\xff\xfc\x27", "\r\nSupport gateway\r\nlogin: "),
            ("admin\r\n", "Password: "),
            ("hik12345\r\n", "\r\nLast login: Mon Jun  2 06:12:40 from 10.0.0.1\r\n# "),
            ("cat /etc/passwd\r\n", "root:x:0:0:root:/root:/bin/sh\r\nadmin:x:1000:1000::/home/admin:/bin/sh\r\n# "),
            ("exit\r\n", "logout\r\n"),
        };
        foreach (var (client, reply) in dialogue)
        {
            yield return context.Seconds(0.3, 2);
            foreach (var delay in session.Exchange(Encoding.Latin1.GetBytes(client), Encoding.Latin1.GetBytes(reply)))
            {
                yield return delay;
            }
        }
        foreach (var delay in session.Close())
        {
            yield return delay;
        }
    }

    private IEnumerable<long> Tls(TcpSession session, string serverName, bool browser)
    {
        var random = context.Random;
        foreach (var delay in session.Open())
        {
            yield return delay;
        }
        foreach (var delay in session.Exchange(TlsRecords.ClientHello(random, serverName, browser), TlsRecords.ServerFlight(random, browser, random.Next(2_800, 4_200))))
        {
            yield return delay;
        }
        foreach (var delay in session.Send(fromClient: true, TlsRecords.ClientFinished(random)))
        {
            yield return delay;
        }
    }
}
