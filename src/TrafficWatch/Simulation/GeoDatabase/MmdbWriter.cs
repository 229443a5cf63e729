using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>
/// Writes MaxMind DB files (format v2.0, https://maxmind.github.io/MaxMind-DB/) that MaxMind's own readers open:
/// an IPv6 search tree with IPv4 networks under <c>::/96</c> (like MaxMind's databases), a data section and the
/// metadata. Usage: <c>var w = new MmdbWriter(metadata); w.Insert("203.0.113.0/24", record); w.WriteFile(path);</c>
/// </summary>
/// <remarks>
/// <para>Semantics follow MaxMind's writers: inserting a network replaces whatever was inside it, so insert wide
/// networks before the more specific ones carved out of them. Identical records are stored once, and repeated
/// strings (map keys included) become pointers to their first copy.</para>
/// <para>When <see cref="AliasIPv4Networks"/> is on (the default), <c>::ffff:0:0/96</c> (IPv4-mapped) and
/// <c>2002::/16</c> (6to4) point at the IPv4 subtree, as in MaxMind's databases. The output depends only on what
/// was inserted, in what order, and on the metadata: no clock, no hash order, so the same input gives the same bytes.</para>
/// </remarks>
public sealed class MmdbWriter
{
    private const int DataSectionSeparatorLength = 16;
    private const int Ipv4SubtreeDepth = 96;
    private static readonly byte[] s_metadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    private readonly MmdbMetadata _metadata;
    private readonly MmdbTreeNode _root = new();
    private readonly MmdbDataWriter _data = new(usePointers: true);
    private readonly Dictionary<string, int> _recordOffsets = new(StringComparer.Ordinal);
    private bool _written;

    public MmdbWriter(MmdbMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrWhiteSpace(metadata.DatabaseType);
        _metadata = metadata;
    }

    /// <summary>Point <c>::ffff:0:0/96</c> and <c>2002::/16</c> at the IPv4 subtree when writing. Default true.</summary>
    public bool AliasIPv4Networks { get; init; } = true;

    /// <summary>Smallest record size to use (24, 28 or 32); the writer picks a larger one when the file needs it. Default 24.</summary>
    public int MinimumRecordSize
    {
        get;
        init => field = value is 24 or 28 or 32 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "record size must be 24, 28 or 32");
    } = 24;

    /// <summary>Networks inserted so far.</summary>
    public int NetworkCount { get; private set; }

    /// <summary>Distinct data records stored so far.</summary>
    public int RecordCount => _recordOffsets.Count;

    /// <summary>Inserts <c>address/prefixLength</c> (an IPv4 network goes under <c>::/96</c>); host bits are ignored.</summary>
    /// <param name="address">Network address, IPv4 or IPv6.</param>
    /// <param name="prefixLength">0-32 for IPv4, 0-128 for IPv6.</param>
    /// <param name="data">The record: a map (<see cref="IReadOnlyDictionary{TKey, TValue}"/> of string keys) in
    /// MaxMind's layouts; the type mapping is listed on <see cref="MmdbDataWriter"/>.</param>
    /// <exception cref="InvalidOperationException">Called after <see cref="Write"/>.</exception>
    public void Insert(IPAddress address, int prefixLength, object data)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(data);
        if (_written)
        {
            throw new InvalidOperationException("Insert after Write: the IPv4 aliases are already in the tree");
        }
        var (bits, depth) = ToTreeKey(address, prefixLength);
        var offset = StoreData(data);
        SetRecord(bits, depth, MmdbRecord.ToData(offset));
        NetworkCount++;
    }

    /// <summary>Inserts a network written as CIDR text (<c>203.0.113.0/24</c>, <c>2001:db8::/32</c>); a bare address is a host route.</summary>
    public void Insert(string cidr, object data)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        var (address, prefix) = ParseCidr(cidr);
        Insert(address, prefix, data);
    }

    /// <summary>Writes the file (replacing it) and returns its layout.</summary>
    public MmdbWriteResult WriteFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        return Write(stream);
    }

    /// <summary>Writes the database to <paramref name="output"/>. Further inserts are refused afterwards.</summary>
    public MmdbWriteResult Write(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (AliasIPv4Networks)
        {
            AddIPv4Aliases();
        }
        _written = true;

        var nodes = NumberNodes();
        var nodeCount = nodes.Count;
        var dataLength = (long)_data.Length;
        var largestRecord = nodeCount + DataSectionSeparatorLength + dataLength;
        var recordSize = MinimumRecordSize;
        while (largestRecord >= 1L << recordSize)
        {
            recordSize = recordSize switch
            {
                24 => 28,
                28 => 32,
                _ => throw new InvalidOperationException($"The database is too large for 32-bit records ({largestRecord})"),
            };
        }

        var nodeBytes = recordSize / 4;
        var tree = new byte[checked(nodeCount * nodeBytes)];
        var ids = new Dictionary<MmdbTreeNode, int>(nodeCount, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++)
        {
            ids[nodes[i]] = i;
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            var left = RecordValue(nodes[i].Left, ids, nodeCount);
            var right = RecordValue(nodes[i].Right, ids, nodeCount);
            WriteNode(tree.AsSpan(i * nodeBytes, nodeBytes), recordSize, left, right);
        }

        output.Write(tree);
        output.Write(new byte[DataSectionSeparatorLength]);
        output.Write(_data.WrittenSpan);
        output.Write(s_metadataMarker);
        var metadata = EncodeMetadata(nodeCount, recordSize);
        output.Write(metadata);
        output.Flush();
        var fileBytes = tree.Length + DataSectionSeparatorLength + dataLength + s_metadataMarker.Length + metadata.Length;
        return new MmdbWriteResult(nodeCount, recordSize, tree.Length, dataLength, fileBytes);
    }

    /// <summary>Parses <c>address/prefix</c> or a bare address (a host route).</summary>
    /// <exception cref="FormatException">Not an address, or a prefix out of range.</exception>
    public static (IPAddress Address, int PrefixLength) ParseCidr(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? cidr : cidr[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            throw new FormatException($"'{cidr}' is not an IP network");
        }
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max))
        {
            throw new FormatException($"'{cidr}' has a prefix length outside 0-{max}");
        }
        return (address, prefix);
    }

    private int StoreData(object data)
    {
        var key = Convert.ToBase64String(MmdbDataWriter.Encode(data));
        if (!_recordOffsets.TryGetValue(key, out var offset))
        {
            offset = _data.Write(data);
            _recordOffsets[key] = offset;
        }
        return offset;
    }

    private static (UInt128 Bits, int Depth) ToTreeKey(IPAddress address, int prefixLength)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        int depth;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 32);
            address.TryWriteBytes(bytes[12..], out _);
            depth = Ipv4SubtreeDepth + prefixLength;
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 128);
            address.TryWriteBytes(bytes, out _);
            depth = prefixLength;
        }
        else
        {
            throw new ArgumentException($"Not an IP address: {address}", nameof(address));
        }
        return (BinaryPrimitives.ReadUInt128BigEndian(bytes), depth);
    }

    private static bool Bit(UInt128 bits, int index) => ((bits >> (127 - index)) & UInt128.One) != UInt128.Zero;

    /// <summary>Points the record for <c>bits/depth</c> at <paramref name="record"/>, splitting wider records on the way.</summary>
    private void SetRecord(UInt128 bits, int depth, MmdbRecord record)
    {
        if (depth == 0)
        {
            _root.Left = record;
            _root.Right = record;
            return;
        }
        var node = _root;
        for (var i = 0; ; i++)
        {
            ref var slot = ref Bit(bits, i) ? ref node.Right : ref node.Left;
            if (i == depth - 1)
            {
                slot = record;
                return;
            }
            if (slot.Kind == MmdbRecordKind.Node)
            {
                node = slot.Node!;
                continue;
            }
            // Empty or data covering a wider network: push it down one level on both sides.
            var child = new MmdbTreeNode { Left = slot, Right = slot };
            slot = MmdbRecord.ToNode(child);
            node = child;
        }
    }

    /// <summary>The record that answers for <c>bits/depth</c> (a wider data or empty record when the path ends early).</summary>
    private MmdbRecord GetRecord(UInt128 bits, int depth)
    {
        var record = MmdbRecord.ToNode(_root);
        for (var i = 0; i < depth && record.Kind == MmdbRecordKind.Node; i++)
        {
            record = Bit(bits, i) ? record.Node!.Right : record.Node!.Left;
        }
        return record;
    }

    private void AddIPv4Aliases()
    {
        var ipv4 = GetRecord(UInt128.Zero, Ipv4SubtreeDepth);
        if (ipv4.Kind == MmdbRecordKind.Empty)
        {
            return;
        }
        SetRecord(new UInt128(0, 0x0000_FFFF_0000_0000UL), Ipv4SubtreeDepth, ipv4);   // ::ffff:0:0/96
        SetRecord(new UInt128(0x2002_0000_0000_0000UL, 0), 16, ipv4);                  // 2002::/16
    }

    /// <summary>Breadth-first from the root, so the root is node 0; a node shared by an alias is numbered once.</summary>
    private List<MmdbTreeNode> NumberNodes()
    {
        var order = new List<MmdbTreeNode>();
        var seen = new HashSet<MmdbTreeNode>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<MmdbTreeNode>();
        queue.Enqueue(_root);
        seen.Add(_root);
        while (queue.TryDequeue(out var node))
        {
            order.Add(node);
            foreach (var child in new[] { node.Left, node.Right })
            {
                if (child.Kind == MmdbRecordKind.Node && seen.Add(child.Node!))
                {
                    queue.Enqueue(child.Node!);
                }
            }
        }
        return order;
    }

    private static long RecordValue(MmdbRecord record, Dictionary<MmdbTreeNode, int> ids, int nodeCount) => record.Kind switch
    {
        MmdbRecordKind.Node => ids[record.Node!],
        MmdbRecordKind.Data => (long)nodeCount + DataSectionSeparatorLength + record.DataOffset,
        _ => nodeCount,
    };

    /// <summary>Two records per node, big-endian; with 28 bits the middle byte holds the top nibble of each record.</summary>
    private static void WriteNode(Span<byte> node, int recordSize, long left, long right)
    {
        switch (recordSize)
        {
            case 24:
                WriteUInt24(node, (uint)left);
                WriteUInt24(node[3..], (uint)right);
                break;
            case 28:
                WriteUInt24(node, (uint)left & 0xFF_FFFF);
                node[3] = (byte)((((uint)left >> 24) & 0x0F) << 4 | (((uint)right >> 24) & 0x0F));
                WriteUInt24(node[4..], (uint)right & 0xFF_FFFF);
                break;
            default:
                BinaryPrimitives.WriteUInt32BigEndian(node, (uint)left);
                BinaryPrimitives.WriteUInt32BigEndian(node[4..], (uint)right);
                break;
        }
    }

    private static void WriteUInt24(Span<byte> destination, uint value)
    {
        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
    }

    private byte[] EncodeMetadata(int nodeCount, int recordSize)
    {
        var description = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (language, text) in _metadata.Description)
        {
            description[language] = text;
        }
        var map = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["binary_format_major_version"] = (ushort)2,
            ["binary_format_minor_version"] = (ushort)0,
            ["build_epoch"] = _metadata.BuildEpoch,
            ["database_type"] = _metadata.DatabaseType,
            ["description"] = description,
            ["ip_version"] = (ushort)6,
            ["languages"] = _metadata.Languages.Cast<object>().ToList(),
            ["node_count"] = (uint)nodeCount,
            ["record_size"] = (ushort)recordSize,
        };
        return MmdbDataWriter.Encode(map);
    }
}
