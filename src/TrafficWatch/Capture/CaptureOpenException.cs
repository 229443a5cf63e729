namespace TrafficWatch.Capture;

/// <summary>
/// A capture could not be started (bad filter, missing permission, unknown interface). <see cref="UserMessage"/>
/// is one line meant to be printed as is, without a stack trace.
/// </summary>
public sealed class CaptureOpenException : Exception
{
    public CaptureOpenException(CaptureOpenFailure failure, string userMessage, Exception? innerException = null)
        : base(userMessage, innerException)
    {
        Failure = failure;
        UserMessage = userMessage;
    }

    public CaptureOpenFailure Failure { get; }

    /// <summary>One line for the user, e.g. <c>capture interface "eth9" not found; available: any, eth0, lo</c>.</summary>
    public string UserMessage { get; }
}
