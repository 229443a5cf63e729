namespace TrafficWatch.Decode;

/// <summary>TEMPORARY STUB (replaced by the Decode stage's implementation).</summary>
public sealed class DecodeCounters
{
    private readonly long[] _counts = new long[256];

    public void Increment(DecodeEvent e) => _counts[(byte)e]++;

    public long Get(DecodeEvent e) => _counts[(byte)e];

    public void Merge(DecodeCounters other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }
}
