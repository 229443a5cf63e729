namespace TrafficWatch.Simulation;

/// <summary>An office PC: DHCP, ARP, then browsing (DNS, TCP, TLS with SNI, request/response, FIN) to the intranet and a few sites.</summary>
internal sealed class OfficeBehaviour(SimulationContext context, NetworkServices services, bool internet)
{
    public IEnumerable<long> Run(SimHost pc)
    {
        foreach (var delay in services.Dhcp(pc))
        {
            yield return delay;
        }
        yield return context.Seconds(0.05, 0.3);
        foreach (var delay in services.ArpGateway(pc))
        {
            yield return delay;
        }
        context.Spawn(services.NtpLoop(pc, 900, 1000), context.Now + context.Seconds(2, 10));
        var random = context.Random;
        while (true)
        {
            yield return context.Seconds(5, 90);
            var sites = SimulatedDestinations.OfficeWeb;
            var intranet = random.Next(4) == 0 || !internet;
            var name = intranet ? "intranet." + NetworkPlan.Domain : sites[random.Next(sites.Count)].Name;
            var server = intranet ? context.Plan.Intranet : context.Plan.External(FindSite(name));
            foreach (var delay in services.Lookup(pc, name))
            {
                yield return delay;
            }
            foreach (var delay in Https(pc, server, name))
            {
                yield return delay;
            }
        }
    }

    private IEnumerable<long> Https(SimHost pc, SimHost server, string name)
    {
        var random = context.Random;
        var session = new TcpSession(context, pc, server, 443);
        foreach (var delay in session.Open())
        {
            yield return delay;
        }
        foreach (var delay in session.Exchange(TlsRecords.ClientHello(random, name, browser: true), TlsRecords.ServerFlight(random, tls13: true, random.Next(2_500, 4_500))))
        {
            yield return delay;
        }
        foreach (var delay in session.Send(fromClient: true, TlsRecords.ClientFinished(random)))
        {
            yield return delay;
        }
        var requests = random.Next(1, 4);
        for (var i = 0; i < requests; i++)
        {
            var request = TlsRecords.ApplicationData(random, random.Next(350, 1_100));
            var response = TlsRecords.ApplicationData(random, random.Next(2_000, 90_000));
            foreach (var delay in session.Exchange(request, response))
            {
                yield return delay;
            }
            yield return context.Seconds(0.05, 1.5);
        }
        foreach (var delay in session.Close())
        {
            yield return delay;
        }
    }

    private static SimulatedDestination FindSite(string name)
    {
        foreach (var site in SimulatedDestinations.OfficeWeb)
        {
            if (site.Name == name)
            {
                return site;
            }
        }
        throw new InvalidOperationException("unknown site " + name);
    }
}
