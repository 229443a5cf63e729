using System.Globalization;
using System.Text;

namespace TrafficWatch.Simulation;

/// <summary>MQTT 3.1.1 control packets, CoAP (RFC 7252) messages and NTP (RFC 5905) packets.</summary>
internal static class IotPayloads
{
    public static byte[] MqttConnect(string clientId, ushort keepAlive)
    {
        var body = new PayloadBuilder();
        body.U16(4).Ascii("MQTT").U8(4).U8(0x02).U16(keepAlive).U16(clientId.Length).Ascii(clientId);
        return Mqtt(0x10, body);
    }

    public static byte[] MqttConnAck() => [0x20, 0x02, 0x00, 0x00];

    public static byte[] MqttPublish(string topic, string payload)
    {
        var body = new PayloadBuilder();
        body.U16(topic.Length).Ascii(topic).Ascii(payload);
        return Mqtt(0x30, body);
    }

    public static byte[] MqttPingRequest() => [0xC0, 0x00];

    public static byte[] MqttPingResponse() => [0xD0, 0x00];

    public static byte[] MqttDisconnect() => [0xE0, 0x00];

    private static byte[] Mqtt(byte header, PayloadBuilder body)
    {
        var b = new PayloadBuilder();
        b.U8(header);
        var remaining = body.Length;
        do
        {
            var digit = remaining % 128;
            remaining /= 128;
            b.U8(remaining > 0 ? digit | 0x80 : digit);
        }
        while (remaining > 0);
        b.Bytes(body.ToArray());
        return b.ToArray();
    }

    /// <summary>Confirmable POST to /sensors/{resource} with a 2-byte token.</summary>
    public static byte[] CoapPost(ushort messageId, ushort token, string resource, string payload)
    {
        var b = new PayloadBuilder();
        b.U8(0x42).U8(0x02).U16(messageId).U16(token);
        b.U8(0xB7).Ascii("sensors");
        b.U8(resource.Length).Ascii(resource);
        b.U8(0x11).U8(50);
        b.U8(0xFF).Ascii(payload);
        return b.ToArray();
    }

    /// <summary>Piggybacked ACK 2.04 Changed.</summary>
    public static byte[] CoapChanged(ushort messageId, ushort token)
    {
        var b = new PayloadBuilder();
        b.U8(0x62).U8(0x44).U16(messageId).U16(token);
        return b.ToArray();
    }

    /// <summary>NTPv4 client request (mode 3) carrying <paramref name="nowMicros"/> as transmit timestamp.</summary>
    public static byte[] NtpRequest(long nowMicros)
    {
        var b = new PayloadBuilder();
        b.U8(0x23).U8(0).U8(6).U8(0xEC).U32(0).U32(0).U32(0).Zeros(24);
        NtpTimestamp(b, nowMicros);
        return b.ToArray();
    }

    /// <summary>NTPv4 server reply (mode 4, stratum 2 or 3).</summary>
    public static byte[] NtpResponse(long requestMicros, long nowMicros, int stratum, uint referenceId)
    {
        var b = new PayloadBuilder();
        b.U8(0x24).U8(stratum).U8(6).U8(0xE9).U32(0x0000_0100).U32(0x0000_0200).U32(referenceId);
        NtpTimestamp(b, nowMicros - 30_000_000);
        NtpTimestamp(b, requestMicros);
        NtpTimestamp(b, nowMicros - 40);
        NtpTimestamp(b, nowMicros);
        return b.ToArray();
    }

    private static void NtpTimestamp(PayloadBuilder b, long micros)
    {
        const long UnixToNtpSeconds = 2_208_988_800;
        var seconds = micros / 1_000_000 + UnixToNtpSeconds;
        var fraction = (ulong)(micros % 1_000_000) * (1UL << 32) / 1_000_000;
        b.U32((uint)seconds).U32((uint)fraction);
    }

    public static string SensorJson(Random random, string device, long nowMicros)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{{\"dev\":\"{device}\",\"ts\":{nowMicros / 1_000_000},");
        sb.Append(CultureInfo.InvariantCulture, $"\"temp\":{18 + random.NextDouble() * 6:F2},\"rh\":{40 + random.NextDouble() * 20:F1},");
        sb.Append(CultureInfo.InvariantCulture, $"\"batt\":{random.Next(60, 100)}}}");
        return sb.ToString();
    }
}
