using System.Net;
using PacketDotNet;

namespace TrafficWatch.Simulation;

/// <summary>The infrastructure conversations every device has: DHCP (relayed), ARP, DNS through the resolver, NTP.</summary>
internal sealed class NetworkServices(SimulationContext context)
{
    private const uint LeaseSeconds = 86_400;

    /// <summary>Resolver cache: name to expiry (packet time). Looked up only, never enumerated.</summary>
    private readonly Dictionary<string, long> _cache = new(StringComparer.OrdinalIgnoreCase);

    private NetworkPlan Plan => context.Plan;

    /// <summary>DISCOVER, OFFER, REQUEST, ACK. Off the office LAN the router relays (giaddr set, OFFER/ACK from the gateway).</summary>
    public IEnumerable<long> Dhcp(SimHost client)
    {
        var random = context.Random;
        var xid = (uint)random.NextInt64(0, uint.MaxValue);
        var vendor = client.Vendor ?? DeviceVendor.VMware;
        var relayed = client.Vlan != NetworkPlan.OfficeVlan;
        var gateway = Plan.GatewayFor(client.Vlan);
        var responder = relayed ? Plan.Router : Plan.DhcpServer;
        var responderIp = relayed ? gateway : Plan.DhcpServer.IPAddress;
        var toAll = new FrameLink(client.Mac, SimulationContext.Broadcast, client.Vlan);
        var toClient = new FrameLink(responder.Mac, client.Mac, client.Vlan);
        context.CountUdpFlow(0, 68, uint.MaxValue, 67, client.Vlan);
        context.CountUdpFlow(BinaryPrimitivesHelper.ToUInt32(responderIp), 67, client.Address, 68, client.Vlan);

        var discover = DhcpMessages.Client(DhcpMessages.Discover, xid, 0, client.Mac, vendor.Dhcp, client.Info.Name,
            random.Next(2) == 0 ? client.IPAddress : null, null);
        context.Frames.EmitUdp(toAll, IPAddress.Any, SimulationContext.Limited, 64, 0, 68, 67, discover);
        yield return 1_500 + random.Next(0, 2_000);
        context.Frames.EmitUdp(toClient, responderIp, client.IPAddress, 64, responder.NextIpId(), 67, 68,
            ServerMessage(DhcpMessages.Offer, xid, client, relayed));
        yield return 5_000 + random.Next(0, 60_000);
        var request = DhcpMessages.Client(DhcpMessages.Request, xid, 0, client.Mac, vendor.Dhcp, client.Info.Name,
            client.IPAddress, Plan.DhcpServer.IPAddress);
        context.Frames.EmitUdp(toAll, IPAddress.Any, SimulationContext.Limited, 64, 0, 68, 67, request);
        yield return 1_500 + random.Next(0, 2_000);
        context.Frames.EmitUdp(toClient, responderIp, client.IPAddress, 64, responder.NextIpId(), 67, 68,
            ServerMessage(DhcpMessages.Ack, xid, client, relayed));
    }

    private byte[] ServerMessage(byte type, uint xid, SimHost client, bool relayed)
        => DhcpMessages.Server(type, xid, client.Mac, client.IPAddress, Plan.DhcpServer.IPAddress,
            relayed ? Plan.GatewayFor(client.Vlan) : null, Plan.GatewayFor(client.Vlan), Plan.Resolver.IPAddress,
            Plan.NtpServer.IPAddress, NetworkPlan.Domain, LeaseSeconds);

    /// <summary>Who-has <paramref name="targetIp"/>; answered by <paramref name="target"/> (the router for the gateway address).</summary>
    public IEnumerable<long> Arp(SimHost asker, IPAddress targetIp, SimHost? target)
    {
        var request = new FrameLink(asker.Mac, SimulationContext.Broadcast, asker.Vlan);
        context.Frames.EmitArp(request, ArpOperation.Request, asker.Mac, asker.IPAddress, default, targetIp);
        if (target is null)
        {
            yield break;
        }
        yield return 150 + context.Random.Next(0, 600);
        var reply = new FrameLink(target.Mac, asker.Mac, asker.Vlan);
        context.Frames.EmitArp(reply, ArpOperation.Response, target.Mac, targetIp, asker.Mac, asker.IPAddress);
    }

    public IEnumerable<long> ArpGateway(SimHost asker) => Arp(asker, Plan.GatewayFor(asker.Vlan), Plan.Router);

    /// <summary>
    /// A lookup through the resolver. Internal names are answered from its zone; external ones are forwarded to the
    /// upstream resolver on a cache miss. Names that are not known at all get a TXT answer (tunnel) or NXDOMAIN.
    /// </summary>
    public IEnumerable<long> Lookup(SimHost client, string name, ushort type = DnsMessages.TypeA)
    {
        var random = context.Random;
        var resolver = Plan.Resolver;
        var id = (ushort)random.Next(0, 65536);
        var port = (ushort)random.Next(49152, 65536);
        var link = context.LinkFrom(client, resolver);
        context.Frames.EmitUdp(link, client, resolver, port, 53, DnsMessages.Query(id, name, type));
        yield return 250 + random.Next(0, 400);

        var destination = FindDestination(name);
        var isInternal = Plan.InternalNames.ContainsKey(name);
        if (!isInternal && !(_cache.TryGetValue(name, out var expiry) && expiry > context.Now))
        {
            var upstream = Plan.External(SimulatedDestinations.DnsUpstream);
            var upstreamLink = context.LinkFrom(resolver, upstream);
            var upstreamId = (ushort)random.Next(0, 65536);
            var upstreamPort = (ushort)random.Next(1024, 65536);
            context.Frames.EmitUdp(upstreamLink, resolver, upstream, upstreamPort, 53, DnsMessages.Query(upstreamId, name, type));
            yield return upstream.RttMicros + random.Next(0, 3_000);
            context.Frames.EmitUdp(upstreamLink.Reverse, upstream, resolver, 53, upstreamPort, Answer(upstreamId, name, type, destination));
            _cache[name] = context.Now + 300_000_000;
            yield return 60;
        }
        context.Frames.EmitUdp(link.Reverse, resolver, client, 53, port, Answer(id, name, type, destination));
        yield return 200;
    }

    private byte[] Answer(ushort id, string name, ushort type, SimulatedDestination? destination)
    {
        if (type == DnsMessages.TypeTxt)
        {
            return DnsMessages.AnswerTxt(id, name, RandomToken(context.Random, 40), 0);
        }
        if (Plan.InternalNames.TryGetValue(name, out var host))
        {
            return DnsMessages.AnswerA(id, name, null, host.IPAddress, 3600);
        }
        return destination is null
            ? DnsMessages.AnswerA(id, name, null, null, 0)
            : DnsMessages.AnswerA(id, name, destination.CanonicalName, destination.Address, 60);
    }

    private static SimulatedDestination? FindDestination(string name)
    {
        foreach (var destination in SimulatedDestinations.All)
        {
            if (string.Equals(destination.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return destination;
            }
        }
        return null;
    }

    /// <summary>One NTP request/response between <paramref name="client"/> and <paramref name="server"/>.</summary>
    public IEnumerable<long> Ntp(SimHost client, SimHost server, int stratum)
    {
        var link = context.LinkFrom(client, server);
        var request = context.Now;
        context.Frames.EmitUdp(link, client, server, 123, 123, IotPayloads.NtpRequest(request));
        yield return server.RttMicros + 80;
        context.Frames.EmitUdp(link.Reverse, server, client, 123, 123, IotPayloads.NtpResponse(request, context.Now, stratum, 0xA29FC801));
    }

    /// <summary>Periodic NTP to the internal server for the rest of the run.</summary>
    public IEnumerable<long> NtpLoop(SimHost client, double minSeconds, double maxSeconds)
    {
        while (true)
        {
            foreach (var delay in Ntp(client, Plan.NtpServer, 3))
            {
                yield return delay;
            }
            yield return context.Seconds(minSeconds, maxSeconds);
        }
    }

    public static string RandomToken(Random random, int length)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        return string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }
}
