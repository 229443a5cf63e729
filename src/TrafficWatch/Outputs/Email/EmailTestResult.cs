namespace TrafficWatch.Outputs.Email;

/// <summary>Outcome of <see cref="EmailTester.SendAsync"/>: success and one line (the server's reply or the error, password masked).</summary>
public sealed record EmailTestResult(bool Success, string Line);
