namespace TrafficWatch.Pipeline;

/// <summary>A signatures, policy, asset-register or zone file cannot be used; the message is one line naming the file.</summary>
public sealed class AnalysisResourceException(string message, Exception? inner = null) : Exception(message, inner);
