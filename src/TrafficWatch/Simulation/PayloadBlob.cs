using System.Buffers.Binary;

namespace TrafficWatch.Simulation;

/// <summary>
/// Random bytes standing in for compressed video, with prefix sums of its 16-bit words so the checksum of any
/// slice that starts at an even offset costs two array reads instead of a pass over the slice.
/// </summary>
internal sealed class PayloadBlob
{
    public PayloadBlob(Random random, int length)
    {
        Data = new byte[length];
        random.NextBytes(Data);
        _prefix = new ulong[length / 2 + 1];
        for (var i = 0; i < length / 2; i++)
        {
            _prefix[i + 1] = _prefix[i] + BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(2 * i));
        }
    }

    private readonly ulong[] _prefix;

    public byte[] Data { get; }

    /// <summary>Unfolded checksum sum of <c>Data[offset..offset+length)</c>; <paramref name="offset"/> must be even.</summary>
    public ulong Sum(int offset, int length)
    {
        var end = offset + length;
        var sum = _prefix[end / 2] - _prefix[offset / 2];
        if ((length & 1) != 0)
        {
            sum += (ulong)Data[end - 1] << 8;
        }
        return sum;
    }
}
