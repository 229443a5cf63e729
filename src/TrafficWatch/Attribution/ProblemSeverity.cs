namespace TrafficWatch.Attribution;

/// <summary>How bad a <see cref="SignatureProblem"/> is.</summary>
public enum ProblemSeverity
{
    /// <summary>Loads, but probably not what the author meant (e.g. an IEEE name missing from the registry).</summary>
    Warning,

    /// <summary>The entry (or the file) cannot be used.</summary>
    Error,
}
