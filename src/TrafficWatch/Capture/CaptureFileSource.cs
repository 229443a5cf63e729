using System.Text;

namespace TrafficWatch.Capture;

/// <summary>
/// One or more capture files merged into one stream in timestamp order (k-way merge over a binary heap keyed
/// by (head timestamp, source index); frames of one file keep their file order). Files are read by the managed
/// <see cref="MappedCaptureFileReader"/> from a read-only memory map, and each file's head frame is a span over
/// that file's mapped pages: only the file whose frame was last returned is advanced, at the start of the next
/// <see cref="Next"/>, so the other heads stay valid and no per-packet copy or allocation is made. libpcap is
/// loaded only to compile a BPF filter when one is given. Bad files become <see cref="Errors"/>; the rest go on.
/// </summary>
public sealed class CaptureFileSource : IPacketSource
{
    private readonly MappedCaptureFileReader[] _readers;
    private readonly int[] _heap;
    private readonly List<CaptureError> _errors;
    private readonly CaptureStatistics _statistics = new();
    private int _heapCount;
    private bool _advanceTopFirst;
    private volatile bool _stopRequested;
    private bool _disposed;

    internal CaptureFileSource(MappedCaptureFileReader[] readers, List<CaptureError> errors, IReadOnlyList<string> notes,
        IReadOnlyList<string> files, long totalBytes)
    {
        _readers = readers;
        _errors = errors;
        Notes = notes;
        Files = files;
        TotalBytes = totalBytes;
        Description = Describe(files);
        _heap = new int[readers.Length];
        for (var i = 0; i < readers.Length; i++)
        {
            if (readers[i].Advance())
            {
                _heap[_heapCount] = i;
                SiftUp(_heapCount);
                _heapCount++;
            }
        }
    }

    public string Description { get; }

    /// <summary>The capture files this source reads (after directory expansion), in SourceIndex order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Informational notes, such as non-capture files skipped in a directory.</summary>
    public IReadOnlyList<string> Notes { get; }

    public IReadOnlyList<CaptureError> Errors => _errors;

    /// <summary>Frames read (after the filter) and their captured bytes.</summary>
    public CaptureStatistics Statistics => _statistics;

    public long TotalBytes { get; }

    public long ConsumedBytes
    {
        get
        {
            long sum = 0;
            foreach (var reader in _readers)
            {
                sum += reader.ConsumedBytes;
            }
            return sum;
        }
    }

    public ReadStatus Next(out RawFrame frame)
    {
        if (_advanceTopFirst)
        {
            _advanceTopFirst = false;
            if (_readers[_heap[0]].Advance())
            {
                SiftDown(0);
            }
            else
            {
                RemoveTop();
            }
        }
        if (_heapCount == 0 || _stopRequested || _disposed)
        {
            frame = default;
            return ReadStatus.EndOfInput;
        }
        var reader = _readers[_heap[0]];
        var data = reader.HeadData;
        var wire = reader.HeadWireLength;
        frame = new RawFrame(data, new PacketTime(reader.HeadTimestamp), wire > int.MaxValue ? int.MaxValue : (int)wire,
            reader.HeadLinkType, reader.SourceIndex);
        _advanceTopFirst = true;
        _statistics.PacketsRead++;
        _statistics.BytesRead += data.Length;
        return ReadStatus.Packet;
    }

    /// <summary>Makes <see cref="Next"/> return <see cref="ReadStatus.EndOfInput"/> from now on (e.g. Ctrl-C).</summary>
    public void Stop() => _stopRequested = true;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var reader in _readers)
        {
            reader.Dispose();
        }
    }

    private bool Less(int a, int b)
    {
        var ra = _readers[a];
        var rb = _readers[b];
        return ra.HeadTimestamp < rb.HeadTimestamp || (ra.HeadTimestamp == rb.HeadTimestamp && a < b);
    }

    private void RemoveTop()
    {
        _heapCount--;
        if (_heapCount > 0)
        {
            _heap[0] = _heap[_heapCount];
            SiftDown(0);
        }
    }

    private void SiftUp(int i)
    {
        var item = _heap[i];
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(item, _heap[parent]))
            {
                break;
            }
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = item;
    }

    private void SiftDown(int i)
    {
        var count = _heapCount;
        if (count <= 1)
        {
            return;
        }
        var item = _heap[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && Less(_heap[child + 1], _heap[child]))
            {
                child++;
            }
            if (!Less(_heap[child], item))
            {
                break;
            }
            _heap[i] = _heap[child];
            i = child;
        }
        _heap[i] = item;
    }

    private static string Describe(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            return "no capture files";
        }
        if (files.Count == 1)
        {
            return files[0];
        }
        var sb = new StringBuilder();
        sb.Append(files.Count).Append(" files: ");
        for (var i = 0; i < files.Count && i < 3; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append(Path.GetFileName(files[i]));
        }
        if (files.Count > 3)
        {
            sb.Append(", ...");
        }
        return sb.ToString();
    }
}
