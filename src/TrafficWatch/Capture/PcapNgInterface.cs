using TrafficWatch.Decode;

namespace TrafficWatch.Capture;

/// <summary>One pcapng Interface Description Block as the reader needs it: link type, snaplen and timestamp scale.</summary>
internal struct PcapNgInterface
{
    public int DataLinkType;
    public LinkType LinkType;
    /// <summary>False when the link type is unsupported or the filter does not compile for it: its packets are skipped.</summary>
    public bool Usable;
    /// <summary>True once the error for an unusable interface has been reported.</summary>
    public bool Reported;
    public string? UnusableReason;
    public uint SnapLength;
    /// <summary>Timestamp units per second (if_tsresol; 10^6 by default).</summary>
    public ulong UnitsPerSecond;
    /// <summary>Nanoseconds per unit when that is a whole number (units per second divides 10^9), else 0.</summary>
    public long NanosPerUnit;
    /// <summary>if_tsoffset in seconds.</summary>
    public long OffsetSeconds;
    public FileBpfFilter? Filter;

    /// <summary>Converts a raw 64-bit pcapng timestamp to ns since the epoch.</summary>
    public readonly long ToNanos(ulong units)
    {
        long nanos;
        if (NanosPerUnit != 0)
        {
            nanos = unchecked((long)units * NanosPerUnit);
        }
        else
        {
            var seconds = units / UnitsPerSecond;
            var rest = units % UnitsPerSecond;
            nanos = unchecked(((long)seconds * PacketTime.NanosPerSecond)
                + (long)(UInt128)(((UInt128)rest * PacketTime.NanosPerSecond) / UnitsPerSecond));
        }
        return OffsetSeconds == 0 ? nanos : unchecked(nanos + (OffsetSeconds * PacketTime.NanosPerSecond));
    }

    /// <summary>
    /// Decodes an if_tsresol byte: high bit clear = 10^-v, set = 2^-(v &amp; 0x7f). False when the resolution cannot
    /// be represented in 64 bits.
    /// </summary>
    public static bool TryResolution(byte value, out ulong unitsPerSecond)
    {
        var exponent = value & 0x7F;
        if ((value & 0x80) != 0)
        {
            unitsPerSecond = exponent <= 63 ? 1UL << exponent : 0;
        }
        else
        {
            unitsPerSecond = 1;
            for (var i = 0; i < exponent && unitsPerSecond != 0; i++)
            {
                unitsPerSecond = exponent <= 19 ? unitsPerSecond * 10 : 0;
            }
        }
        return unitsPerSecond != 0;
    }

    public void SetResolution(ulong unitsPerSecond)
    {
        UnitsPerSecond = unitsPerSecond;
        NanosPerUnit = unitsPerSecond <= (ulong)PacketTime.NanosPerSecond && PacketTime.NanosPerSecond % (long)unitsPerSecond == 0
            ? PacketTime.NanosPerSecond / (long)unitsPerSecond
            : 0;
    }
}
