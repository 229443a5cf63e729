namespace TrafficWatch.Outputs.Metrics;

/// <summary>One field of a <see cref="MetricPoint"/>: a key and a typed value, without boxing.</summary>
public readonly struct MetricField
{
    private MetricField(string key, MetricFieldKind kind, long integer, double number, string? text)
    {
        Key = key;
        Kind = kind;
        IntegerValue = integer;
        FloatValue = number;
        StringValue = text;
    }

    public string Key { get; }

    public MetricFieldKind Kind { get; }

    /// <summary>The value for <see cref="MetricFieldKind.Integer"/>; 0/1 for <see cref="MetricFieldKind.Boolean"/>.</summary>
    public long IntegerValue { get; }

    public double FloatValue { get; }

    public string? StringValue { get; }

    public bool BooleanValue => IntegerValue != 0;

    public static MetricField Integer(string key, long value) => new(key, MetricFieldKind.Integer, value, 0, null);

    public static MetricField Float(string key, double value) => new(key, MetricFieldKind.Float, 0, value, null);

    public static MetricField String(string key, string? value) => new(key, MetricFieldKind.String, 0, 0, value ?? string.Empty);

    public static MetricField Boolean(string key, bool value) => new(key, MetricFieldKind.Boolean, value ? 1 : 0, 0, null);

    public override string ToString() => Kind switch
    {
        MetricFieldKind.Integer => $"{Key}={IntegerValue}i",
        MetricFieldKind.Float => $"{Key}={FloatValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
        MetricFieldKind.Boolean => $"{Key}={(BooleanValue ? "true" : "false")}",
        _ => $"{Key}=\"{StringValue}\"",
    };
}
