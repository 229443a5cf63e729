namespace TrafficWatch.Attribution;

/// <summary>A signature file could not be loaded; the message starts with <c>file:line:</c>.</summary>
public sealed class SignatureFormatException : Exception
{
    public SignatureFormatException(string filePath, int line, string message)
        : base($"{filePath}:{line}: {message}")
    {
        FilePath = filePath;
        Line = line;
    }

    public SignatureFormatException(string filePath, int line, string message, Exception innerException)
        : base($"{filePath}:{line}: {message}", innerException)
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>The file that failed to load.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the first problem; 0 when the problem is the file itself (missing, unreadable).</summary>
    public int Line { get; }
}
