namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>What one record of a search-tree node points at.</summary>
internal enum MmdbRecordKind : byte
{
    /// <summary>No data for this part of the address space (written as <c>node_count</c>).</summary>
    Empty,
    /// <summary>Another node (written as its node number).</summary>
    Node,
    /// <summary>A data section entry (written as <c>node_count + 16 + offset</c>).</summary>
    Data,
}
