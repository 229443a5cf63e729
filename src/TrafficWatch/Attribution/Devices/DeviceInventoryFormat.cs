namespace TrafficWatch.Attribution.Devices;

/// <summary>Output formats of the device inventory (<c>trafficwatch devices --format</c>).</summary>
public enum DeviceInventoryFormat
{
    /// <summary>Aligned columns for a terminal; wire text escaped, cells cut to a bounded width.</summary>
    Table,

    /// <summary>One JSON document <c>{"count": N, "devices": [...]}</c>; every string faithful (JSON-escaped only).</summary>
    Json,

    /// <summary>RFC 4180 CSV with a header; wire text escaped and guarded against spreadsheet formulas.</summary>
    Csv,
}
