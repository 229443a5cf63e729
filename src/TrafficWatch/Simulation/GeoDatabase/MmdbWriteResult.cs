namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>The layout of a written MaxMind DB file.</summary>
/// <param name="NodeCount">Search-tree nodes (<c>node_count</c>).</param>
/// <param name="RecordSize">Bits per record (<c>record_size</c>): 24, 28 or 32.</param>
/// <param name="TreeBytes">Size of the search tree: <c>node_count * record_size / 4</c>.</param>
/// <param name="DataBytes">Size of the data section (after the 16-byte separator).</param>
/// <param name="FileBytes">Size of the whole file.</param>
public sealed record MmdbWriteResult(int NodeCount, int RecordSize, long TreeBytes, long DataBytes, long FileBytes);
