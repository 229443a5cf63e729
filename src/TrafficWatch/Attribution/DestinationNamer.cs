using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Decode.App.Http;
using TrafficWatch.Decode.App.Tls;
using TrafficWatch.Flows;

namespace TrafficWatch.Attribution;

/// <summary>
/// Names every flow's destination and records its application details. At flow start the name comes from what the
/// initiator resolved (<see cref="PassiveDns"/>); a TLS ClientHello's SNI then replaces it (the client's own statement
/// about this very connection), and an HTTP Host names a flow that has no SNI. DNS responses (port 53, not mDNS) feed
/// the passive DNS table. Flow thread only.
/// </summary>
public sealed class DestinationNamer : IFlowStartObserver, IAppMessageObserver
{
    private readonly PassiveDns _dns;

    public DestinationNamer(PassiveDns dns) => _dns = dns;

    public PassiveDns PassiveDns => _dns;

    /// <summary>Flows named at start from passive DNS.</summary>
    public long NamedByDns { get; private set; }

    public void OnFlowStart(FlowTable table, int slot, in PacketMeta meta)
    {
        // The flow's initiator is the client: the packet's sender, unless this first packet was a SYN-ACK.
        var toServer = table.IsToServer(slot, in meta);
        var client = toServer ? meta.SrcAddr : meta.DstAddr;
        var server = toServer ? meta.DstAddr : meta.SrcAddr;
        if (_dns.TryGetName(client, server, meta.Timestamp, out var name))
        {
            table.SetDestinationName(slot, name, NameSource.Dns);
            NamedByDns++;
        }
    }

    public void OnAppMessage(FlowTable flows, int slot, in PacketMeta meta, IAppMessage message)
    {
        switch (message)
        {
            case DnsMessage dns when dns.IsResponse && (meta.SrcPort == AppPorts.Dns):
                _dns.Record(meta.DstAddr, dns, meta.Timestamp);
                break;
            case TlsClientHello hello when slot >= 0:
                var tls = flows.GetOrCreateApp(slot);
                tls.Protocol = "tls";
                tls.Sni = hello.ServerName;
                tls.Ja3 = hello.Ja3;
                tls.Ja3Hash = hello.Ja3Hash;
                tls.Ja4 = hello.Ja4;
                if (!string.IsNullOrEmpty(hello.ServerName))
                {
                    flows.SetDestinationName(slot, hello.ServerName, NameSource.Sni);
                }
                break;
            case HttpRequest http when slot >= 0:
                var app = flows.GetOrCreateApp(slot);
                if (app.Protocol is null or "http")
                {
                    app.Protocol = "http";
                    app.HttpHost ??= http.Host;
                    app.HttpUserAgent ??= http.UserAgent;
                    app.HttpMethod ??= http.Method;
                    app.HttpUri ??= http.Uri;
                    app.HttpBasicAuth |= http.HasBasicCredentials;
                }
                if (app.DestNameSource != NameSource.Sni && !string.IsNullOrEmpty(http.Host))
                {
                    flows.SetDestinationName(slot, HostWithoutPort(http.Host), NameSource.Http);
                }
                break;
        }
    }

    /// <summary><c>example.com:8080</c> -> <c>example.com</c>; IPv6 literals in brackets keep their colons.</summary>
    public static string HostWithoutPort(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            return close > 0 ? host[1..close] : host;
        }
        var colon = host.IndexOf(':');
        return colon > 0 && host.IndexOf(':', colon + 1) < 0 ? host[..colon] : host;
    }
}
