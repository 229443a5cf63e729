namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>An in-memory search-tree node: <see cref="Left"/> is taken for a 0 bit, <see cref="Right"/> for a 1 bit.</summary>
internal sealed class MmdbTreeNode
{
    public MmdbRecord Left;
    public MmdbRecord Right;
}
