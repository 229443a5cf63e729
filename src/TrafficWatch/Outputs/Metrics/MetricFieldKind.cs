namespace TrafficWatch.Outputs.Metrics;

/// <summary>The InfluxDB field types a <see cref="MetricField"/> can carry.</summary>
public enum MetricFieldKind : byte
{
    /// <summary>64-bit signed integer, rendered with the <c>i</c> suffix.</summary>
    Integer,
    /// <summary>64-bit float; NaN and infinities are not representable and are left out.</summary>
    Float,
    /// <summary>String, rendered in double quotes.</summary>
    String,
    /// <summary>Boolean, rendered as <c>true</c>/<c>false</c>.</summary>
    Boolean,
}
