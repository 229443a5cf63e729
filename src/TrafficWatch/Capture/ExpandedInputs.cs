namespace TrafficWatch.Capture;

/// <summary>The result of expanding user-given paths: capture files to read, problems, and informational notes.</summary>
public sealed record ExpandedInputs(IReadOnlyList<string> Files, IReadOnlyList<CaptureError> Errors, IReadOnlyList<string> Notes);
