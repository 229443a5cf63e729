namespace TrafficWatch.Outputs.Metrics;

/// <summary>One tag of a <see cref="MetricPoint"/>. A null or empty value means "no tag" and is not rendered.</summary>
public readonly record struct MetricTag(string Key, string? Value);
