using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>A 48-bit MAC address held in a <see cref="ulong"/>; allocation-free to read and compare.</summary>
public readonly record struct MacAddress(ulong Value)
{
    public static MacAddress Read(ReadOnlySpan<byte> six)
        => new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(six) << 32) | BinaryPrimitives.ReadUInt32BigEndian(six[2..]));

    /// <summary>Locally administered (randomised) addresses have bit 1 of the first octet set.</summary>
    public bool IsLocallyAdministered => ((Value >> 40) & 0x02) != 0;

    public bool IsMulticast => ((Value >> 40) & 0x01) != 0;

    public bool IsBroadcast => Value == 0xFFFF_FFFF_FFFFUL;

    public void WriteTo(Span<byte> six)
    {
        BinaryPrimitives.WriteUInt16BigEndian(six, (ushort)(Value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(six[2..], (uint)Value);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress mac)
    {
        mac = default;
        ulong v = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c is ':' or '-' or '.')
            {
                continue;
            }
            var d = HexValue(c);
            if (d < 0 || ++digits > 12)
            {
                return false;
            }
            v = (v << 4) | (uint)d;
        }
        if (digits != 12)
        {
            return false;
        }
        mac = new MacAddress(v);
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    public override string ToString()
        => string.Create(17, Value, static (span, v) =>
        {
            const string hex = "0123456789abcdef";
            for (var i = 0; i < 6; i++)
            {
                var b = (byte)(v >> (40 - 8 * i));
                span[i * 3] = hex[b >> 4];
                span[i * 3 + 1] = hex[b & 0xF];
                if (i < 5)
                {
                    span[i * 3 + 2] = ':';
                }
            }
        });
}
