using System.Text.Json;
using TrafficWatch.Decode;
using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Eve;

/// <summary>
/// Writes alerts as EVE <c>alert</c> events in Suricata's shape (<c>alert</c> {action, gid, signature_id, rev,
/// signature, category, severity}) plus TrafficWatch's fields: <c>alert.id</c> and <c>alert.rule</c>, the
/// <c>device</c> and <c>destination</c> objects, bytes each way, first/last seen, the plain-English
/// <c>explanation</c>, the broken <c>policy</c> line and <c>advice</c>. src = the device, dest = the destination.
/// </summary>
public sealed class EveAlertSink(EveWriter writer) : IAlertSink
{
    public long Written { get; private set; }

    public void OnAlert(Alert alert)
    {
        var json = writer.BeginEvent(alert.Timestamp, "alert");
        if (alert.FlowId is { } flowId)
        {
            json.WriteNumber("flow_id"u8, flowId);
        }
        if (alert.Device.Vlan != 0)
        {
            json.WriteStartArray("vlan"u8);
            json.WriteNumberValue(alert.Device.Vlan);
            json.WriteEndArray();
        }
        if (alert.Device.Address is { } src)
        {
            json.WriteString("src_ip"u8, IpAddr.ToString(src));
        }
        if (alert.Destination is { } d)
        {
            json.WriteString("dest_ip"u8, IpAddr.ToString(d.Address));
            if (d.Port != 0)
            {
                json.WriteNumber("dest_port"u8, d.Port);
            }
            if (d.Protocol != 0)
            {
                json.WriteString("proto"u8, EveFlowSink.ProtocolName(d.Protocol));
            }
        }

        json.WriteStartObject("alert"u8);
        json.WriteString("action"u8, "allowed");                     // passive monitor: nothing is blocked
        json.WriteNumber("gid"u8, 1);
        json.WriteNumber("signature_id"u8, alert.SignatureId);
        json.WriteNumber("rev"u8, 1);
        json.WriteString("signature"u8, alert.Signature);
        json.WriteString("category"u8, alert.Category);
        json.WriteNumber("severity"u8, (int)alert.Severity);
        json.WriteNumber("id"u8, alert.Id);
        json.WriteString("rule"u8, alert.Rule);
        json.WriteEndObject();

        WriteDevice(json, alert.Device);
        if (alert.Destination is { } destination)
        {
            WriteDestination(json, destination);
        }
        json.WriteNumber("bytes_out"u8, alert.BytesOut);
        json.WriteNumber("bytes_in"u8, alert.BytesIn);
        if (alert.FirstSeen.Nanoseconds != 0)
        {
            json.WriteString("first_seen"u8, alert.FirstSeen.ToEveString());
        }
        if (alert.LastSeen.Nanoseconds != 0)
        {
            json.WriteString("last_seen"u8, alert.LastSeen.ToEveString());
        }
        json.WriteString("explanation"u8, alert.Explanation);
        if (alert.PolicyLine is not null)
        {
            json.WriteString("policy"u8, alert.PolicyLine);
        }
        if (alert.Advice is not null)
        {
            json.WriteString("advice"u8, alert.Advice);
        }
        writer.EndEvent();
        Written++;
    }

    private static void WriteDevice(Utf8JsonWriter json, AlertDevice device)
    {
        json.WriteStartObject("device"u8);
        json.WriteString("mac"u8, device.Mac.ToString());
        if (device.Address is { } ip)
        {
            json.WriteString("ip"u8, IpAddr.ToString(ip));
        }
        WriteOptional(json, "name"u8, device.Name);
        WriteOptional(json, "vendor"u8, device.Vendor);
        json.WriteString("class"u8, device.Class);
        WriteOptional(json, "zone"u8, device.Zone);
        WriteOptional(json, "site"u8, device.Site);
        WriteOptional(json, "owner"u8, device.Owner);
        json.WriteBoolean("registered"u8, device.Registered);
        json.WriteEndObject();
    }

    private static void WriteDestination(Utf8JsonWriter json, AlertDestination d)
    {
        json.WriteStartObject("destination"u8);
        json.WriteString("ip"u8, IpAddr.ToString(d.Address));
        if (d.Port != 0)
        {
            json.WriteNumber("port"u8, d.Port);
        }
        WriteOptional(json, "name"u8, d.Name);
        json.WriteString("name_source"u8, EveFlowSink.NameSourceName(d.NameSource));
        WriteOptional(json, "country"u8, d.Country);
        if (d.Asn is { } asn)
        {
            json.WriteNumber("asn"u8, asn);
        }
        WriteOptional(json, "as_org"u8, d.AsnOrganization);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
