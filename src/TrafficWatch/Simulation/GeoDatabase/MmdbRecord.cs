namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>One record (left or right half) of a search-tree node while the tree is built in memory.</summary>
internal readonly struct MmdbRecord
{
    private MmdbRecord(MmdbRecordKind kind, MmdbTreeNode? node, int dataOffset)
    {
        Kind = kind;
        Node = node;
        DataOffset = dataOffset;
    }

    public static MmdbRecord Empty => default;

    public MmdbRecordKind Kind { get; }

    /// <summary>The child node when <see cref="Kind"/> is <see cref="MmdbRecordKind.Node"/>.</summary>
    public MmdbTreeNode? Node { get; }

    /// <summary>Offset in the data section when <see cref="Kind"/> is <see cref="MmdbRecordKind.Data"/>.</summary>
    public int DataOffset { get; }

    public static MmdbRecord ToNode(MmdbTreeNode node) => new(MmdbRecordKind.Node, node, 0);

    public static MmdbRecord ToData(int dataOffset) => new(MmdbRecordKind.Data, null, dataOffset);
}
