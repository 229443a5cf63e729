namespace TrafficWatch.Attribution;

/// <summary>One finding of <c>SignatureCheck</c>, printed as <c>file:line: message</c> like a compiler.</summary>
/// <param name="File">The signature file the problem is in.</param>
/// <param name="Line">1-based line number; 0 when the problem concerns the whole file.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong, naming the entry.</param>
public sealed record SignatureProblem(string File, int Line, ProblemSeverity Severity, string Message)
{
    public override string ToString()
        => Severity == ProblemSeverity.Warning ? $"{File}:{Line}: warning: {Message}" : $"{File}:{Line}: {Message}";
}
