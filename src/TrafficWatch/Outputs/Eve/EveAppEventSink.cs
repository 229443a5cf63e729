using System.Globalization;
using System.Text.Json;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Decode.App.Http;
using TrafficWatch.Decode.App.Tls;
using TrafficWatch.Flows;

namespace TrafficWatch.Outputs.Eve;

/// <summary>
/// Writes application events in Suricata's EVE shapes as they are seen: <c>dns</c> (queries and answers; mDNS too,
/// marked <c>"mdns": true</c>), <c>tls</c> (sni, version, ja3 {hash, string}, ja4), <c>http</c> (hostname, url,
/// user agent, method) and <c>dhcp</c> (type, id, client_mac, addresses, hostname, vendor class, params). Addresses
/// and ports are the packet's own (a DNS answer goes from the server to the client). Every string is escaped by the
/// JSON writer (HTML-sensitive and control characters too).
/// </summary>
public sealed class EveAppEventSink : IAppMessageObserver
{
    private readonly EveWriter _writer;

    public EveAppEventSink(EveWriter writer) => _writer = writer;

    public void OnAppMessage(FlowTable flows, int slot, in PacketMeta meta, IAppMessage message)
    {
        switch (message)
        {
            case DnsMessage dns:
                WriteDns(flows, slot, in meta, dns);
                break;
            case TlsClientHello hello:
                WriteTls(flows, slot, in meta, hello);
                break;
            case HttpRequest http:
                WriteHttp(flows, slot, in meta, http);
                break;
            case DhcpMessage dhcp:
                WriteDhcp(flows, slot, in meta, dhcp);
                break;
        }
    }

    private Utf8JsonWriter Begin(FlowTable flows, int slot, in PacketMeta meta, string eventType)
    {
        var json = _writer.BeginEvent(meta.Timestamp, eventType);
        if (slot >= 0)
        {
            json.WriteNumber("flow_id"u8, flows.FlowIdOf(slot));
        }
        if (meta.VlanCount > 0)
        {
            json.WriteStartArray("vlan"u8);
            json.WriteNumberValue(meta.OuterVlan);
            if (meta.VlanCount > 1)
            {
                json.WriteNumberValue(meta.InnerVlan);
            }
            json.WriteEndArray();
        }
        json.WriteString("src_ip"u8, IpAddr.ToString(meta.SrcAddr));
        json.WriteNumber("src_port"u8, meta.SrcPort);
        json.WriteString("dest_ip"u8, IpAddr.ToString(meta.DstAddr));
        json.WriteNumber("dest_port"u8, meta.DstPort);
        json.WriteString("proto"u8, EveFlowSink.ProtocolName(meta.Protocol));
        if (meta.SrcMac.Value != 0 || meta.DstMac.Value != 0)
        {
            json.WriteStartObject("ether"u8);
            json.WriteString("src_mac"u8, meta.SrcMac.ToString());
            json.WriteString("dest_mac"u8, meta.DstMac.ToString());
            json.WriteEndObject();
        }
        return json;
    }

    private void WriteDns(FlowTable flows, int slot, in PacketMeta meta, DnsMessage dns)
    {
        var json = Begin(flows, slot, in meta, "dns");
        json.WriteStartObject("dns"u8);
        json.WriteNumber("version"u8, 2);
        if (meta.SrcPort == AppPorts.Mdns || meta.DstPort == AppPorts.Mdns)
        {
            json.WriteBoolean("mdns"u8, true);
        }
        json.WriteString("type"u8, dns.IsResponse ? "answer" : "query");
        json.WriteNumber("id"u8, dns.Id);
        json.WriteNumber("opcode"u8, dns.Opcode);
        if (dns.IsResponse)
        {
            json.WriteBoolean("qr"u8, true);
            if (dns.IsAuthoritative)
            {
                json.WriteBoolean("aa"u8, true);
            }
            if (dns.IsTruncated)
            {
                json.WriteBoolean("tc"u8, true);
            }
        }
        if (dns.RecursionDesired)
        {
            json.WriteBoolean("rd"u8, true);
        }
        if (dns.RecursionAvailable)
        {
            json.WriteBoolean("ra"u8, true);
        }
        if (dns.Questions.Count > 0)
        {
            json.WriteString("rrname"u8, dns.Questions[0].Name);
            json.WriteString("rrtype"u8, RecordTypeName(dns.Questions[0].Type));
        }
        if (dns.IsResponse)
        {
            json.WriteString("rcode"u8, RcodeName(dns.Rcode));
            WriteRecords(json, "answers"u8, dns, DnsSection.Answer);
            WriteRecords(json, "authorities"u8, dns, DnsSection.Authority);
            WriteRecords(json, "additionals"u8, dns, DnsSection.Additional);
        }
        if (dns.Error != DnsParseError.None)
        {
            json.WriteString("parse_error"u8, dns.Error.ToString());
        }
        json.WriteEndObject();
        _writer.EndEvent();
    }

    /// <summary>One array per section, written only when the section has records (EDNS OPT pseudo-records are left out).</summary>
    private static void WriteRecords(Utf8JsonWriter json, ReadOnlySpan<byte> property, DnsMessage dns, DnsSection section)
    {
        var started = false;
        foreach (var record in dns.Records)
        {
            if (record.Section != section || record.Type == DnsRecordType.Opt)
            {
                continue;
            }
            if (!started)
            {
                json.WriteStartArray(property);
                started = true;
            }
            json.WriteStartObject();
            json.WriteString("rrname"u8, record.Name);
            json.WriteString("rrtype"u8, RecordTypeName(record.Type));
            json.WriteNumber("ttl"u8, record.Ttl);
            var rdata = RecordData(record);
            if (rdata is not null)
            {
                json.WriteString("rdata"u8, rdata);
            }
            json.WriteEndObject();
        }
        if (started)
        {
            json.WriteEndArray();
        }
        else if (section == DnsSection.Answer)
        {
            json.WriteStartArray(property);
            json.WriteEndArray();
        }
    }

    private void WriteTls(FlowTable flows, int slot, in PacketMeta meta, TlsClientHello hello)
    {
        var json = Begin(flows, slot, in meta, "tls");
        json.WriteStartObject("tls"u8);
        if (hello.ServerName is not null)
        {
            json.WriteString("sni"u8, hello.ServerName);
        }
        json.WriteString("version"u8, TlsVersionName(hello.LegacyVersion));
        json.WriteStartObject("ja3"u8);
        json.WriteString("hash"u8, hello.Ja3Hash);
        json.WriteString("string"u8, hello.Ja3);
        json.WriteEndObject();
        json.WriteString("ja4"u8, hello.Ja4);
        if (hello.Alpn.Count > 0)
        {
            json.WriteStartArray("client_alpns"u8);
            foreach (var alpn in hello.Alpn)
            {
                json.WriteStringValue(alpn);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        _writer.EndEvent();
    }

    private void WriteHttp(FlowTable flows, int slot, in PacketMeta meta, HttpRequest http)
    {
        var json = Begin(flows, slot, in meta, "http");
        json.WriteStartObject("http"u8);
        if (http.Host is not null)
        {
            json.WriteString("hostname"u8, http.Host);
        }
        json.WriteString("url"u8, http.Uri);
        if (http.UserAgent is not null)
        {
            json.WriteString("http_user_agent"u8, http.UserAgent);
        }
        json.WriteString("http_method"u8, http.Method);
        json.WriteString("protocol"u8, http.Version);
        if (http.HasBasicCredentials)
        {
            json.WriteBoolean("basic_auth"u8, true);                   // never the credentials themselves
        }
        json.WriteEndObject();
        _writer.EndEvent();
    }

    private void WriteDhcp(FlowTable flows, int slot, in PacketMeta meta, DhcpMessage dhcp)
    {
        var json = Begin(flows, slot, in meta, "dhcp");
        json.WriteStartObject("dhcp"u8);
        json.WriteString("type"u8, dhcp.Op == 2 ? "reply" : "request");
        json.WriteNumber("id"u8, dhcp.TransactionId);
        if (dhcp.ClientMac is { } mac)
        {
            json.WriteString("client_mac"u8, mac.ToString());
        }
        json.WriteString("assigned_ip"u8, IpAddr.ToString(dhcp.YourAddress));
        json.WriteString("client_ip"u8, IpAddr.ToString(dhcp.ClientAddress));
        if (dhcp.MessageType != DhcpMessageType.None)
        {
            json.WriteString("dhcp_type"u8, dhcp.MessageType.ToString().ToLowerInvariant());
        }
        if (dhcp.RequestedAddress is { } requested)
        {
            json.WriteString("requested_ip"u8, IpAddr.ToString(requested));
        }
        if (dhcp.LeaseTime is { } lease)
        {
            json.WriteNumber("lease_time"u8, lease);
        }
        if (dhcp.Hostname is not null)
        {
            json.WriteString("hostname"u8, dhcp.Hostname);
        }
        if (dhcp.ClientFqdn is { } fqdn && fqdn.Name is not null)
        {
            json.WriteString("client_fqdn"u8, fqdn.Name);
        }
        if (dhcp.VendorClass is not null)
        {
            json.WriteString("vendor_class_identifier"u8, dhcp.VendorClass);
        }
        if (dhcp.ParameterRequestList.Count > 0)
        {
            json.WriteStartArray("params"u8);
            foreach (var code in dhcp.ParameterRequestList)
            {
                json.WriteNumberValue(code);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        _writer.EndEvent();
    }

    private static string? RecordData(DnsRecord record) => record.Type switch
    {
        DnsRecordType.A or DnsRecordType.Aaaa => IpAddr.ToString(record.Address),
        _ => record.Target,
    };

    public static string RecordTypeName(ushort type) => type switch
    {
        DnsRecordType.A => "A",
        DnsRecordType.Ns => "NS",
        DnsRecordType.Cname => "CNAME",
        DnsRecordType.Soa => "SOA",
        DnsRecordType.Ptr => "PTR",
        DnsRecordType.Hinfo => "HINFO",
        DnsRecordType.Mx => "MX",
        DnsRecordType.Txt => "TXT",
        DnsRecordType.Aaaa => "AAAA",
        DnsRecordType.Srv => "SRV",
        DnsRecordType.Opt => "OPT",
        DnsRecordType.Nsec => "NSEC",
        DnsRecordType.Https => "HTTPS",
        DnsRecordType.Any => "ANY",
        _ => "TYPE" + type.ToString(CultureInfo.InvariantCulture),
    };

    public static string RcodeName(byte rcode) => rcode switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        _ => "RCODE" + rcode.ToString(CultureInfo.InvariantCulture),
    };

    public static string TlsVersionName(ushort version) => version switch
    {
        0x0300 => "SSLv3",
        0x0301 => "TLS 1.0",
        0x0302 => "TLS 1.1",
        0x0303 => "TLS 1.2",
        0x0304 => "TLS 1.3",
        _ => "0x" + version.ToString("x4", CultureInfo.InvariantCulture),
    };
}
