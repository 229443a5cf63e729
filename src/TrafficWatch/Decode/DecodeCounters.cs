namespace TrafficWatch.Decode;

/// <summary>
/// Per-thread decode event counts (like Suricata's counters.c): plain longs indexed by <see cref="DecodeEvent"/>,
/// no atomics; each capture thread owns one and they are merged for summaries.
/// </summary>
public sealed class DecodeCounters
{
    private const int Size = byte.MaxValue + 1;
    private readonly long[] _counts = new long[Size];

    public void Increment(DecodeEvent decodeEvent) => _counts[(byte)decodeEvent]++;

    public long Get(DecodeEvent decodeEvent) => _counts[(byte)decodeEvent];

    /// <summary>Sum of all anomaly counts (events at or above <see cref="DecodeEvent.FirstAnomaly"/>).</summary>
    public long TotalAnomalies
    {
        get
        {
            long total = 0;
            for (var i = (int)DecodeEvent.FirstAnomaly; i < Size; i++)
            {
                total += _counts[i];
            }
            return total;
        }
    }

    /// <summary>Adds another thread's counts into this one.</summary>
    public void Merge(DecodeCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < Size; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    public void Reset() => Array.Clear(_counts);

    /// <summary>Enumerates the events with a non-zero count, in numeric order, without allocating.</summary>
    public NonZeroEnumerable NonZero => new(_counts);

    public readonly struct NonZeroEnumerable(long[] counts)
    {
        public NonZeroEnumerator GetEnumerator() => new(counts);
    }

    public struct NonZeroEnumerator(long[] counts)
    {
        private int _index = -1;

        public readonly KeyValuePair<DecodeEvent, long> Current => new((DecodeEvent)_index, counts[_index]);

        public bool MoveNext()
        {
            while (++_index < counts.Length)
            {
                if (counts[_index] != 0)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
