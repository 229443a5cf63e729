using System.Buffers.Binary;

namespace TrafficWatch.Simulation;

/// <summary>RFC 1071 one's-complement sums, kept unfolded in a <see cref="ulong"/> so partial sums can be added.</summary>
internal static class InternetChecksum
{
    /// <summary>Sum of the big-endian 16-bit words of <paramref name="data"/>; an odd last byte is padded with zero.</summary>
    public static ulong Sum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        }
        for (; i + 2 <= data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }
        return sum;
    }

    /// <summary>Folds an unfolded sum and complements it.</summary>
    public static ushort Finish(ulong sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
