namespace TrafficWatch.Outputs.Report;

/// <summary>A report could not be written; the message is one line naming the file.</summary>
public sealed class ReportWriteException : Exception
{
    public ReportWriteException(string message)
        : base(message)
    {
    }

    public ReportWriteException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
