namespace TrafficWatch.Outputs.Evidence;

/// <summary>Why an extraction could not be done, as one line for the user.</summary>
public sealed class EvidenceException : Exception
{
    public EvidenceException(EvidenceFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    public EvidenceException(EvidenceFailure failure, string message, Exception inner)
        : base(message, inner)
    {
        Failure = failure;
    }

    public EvidenceFailure Failure { get; }
}
