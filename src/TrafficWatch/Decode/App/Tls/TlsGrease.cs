namespace TrafficWatch.Decode.App.Tls;

/// <summary>GREASE values (RFC 8701): 0x0A0A, 0x1A1A ... 0xFAFA, in cipher, extension, group, version and sigalg lists.</summary>
public static class TlsGrease
{
    public static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
}
