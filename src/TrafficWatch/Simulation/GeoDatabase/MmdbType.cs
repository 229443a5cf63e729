namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>Data section type numbers of the MaxMind DB format v2 (spec, "Output Data Section").</summary>
internal enum MmdbType
{
    Extended = 0,
    Pointer = 1,
    Utf8String = 2,
    Double = 3,
    Bytes = 4,
    Uint16 = 5,
    Uint32 = 6,
    Map = 7,
    Int32 = 8,
    Uint64 = 9,
    Uint128 = 10,
    Array = 11,
    DataCacheContainer = 12,
    EndMarker = 13,
    Boolean = 14,
    Float = 15,
}
