namespace TrafficWatch.Detection;

/// <summary>De-duplication of alerts (configuration section <c>Detection:AlertGate</c>).</summary>
public sealed class AlertGateOptions
{
    public const string Section = "Detection:AlertGate";

    /// <summary>
    /// After an alert, the same (rule, device, destination) is not reported again for this many seconds of packet
    /// time; repeats are counted. Default 3600 (Zeek's notice suppression interval). 0 disables de-duplication.
    /// </summary>
    public int CooldownSeconds { get; set; } = 3_600;

    /// <summary>Per rule overrides of <see cref="CooldownSeconds"/>, e.g. <c>new-device: 86400</c>. Default none.</summary>
    public Dictionary<string, int> RuleCooldownSeconds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>(rule, device, destination) keys remembered at most; the oldest are forgotten first. Default 100,000.</summary>
    public int MaxKeys { get; set; } = 100_000;

    public void Validate()
    {
        OptionChecks.Require(CooldownSeconds >= 0, Section, "CooldownSeconds must not be negative");
        foreach (var (rule, seconds) in RuleCooldownSeconds)
        {
            OptionChecks.Require(seconds >= 0, Section, $"RuleCooldownSeconds.{rule} must not be negative");
        }
        OptionChecks.Require(MaxKeys >= 16, Section, "MaxKeys must be at least 16");
    }
}
