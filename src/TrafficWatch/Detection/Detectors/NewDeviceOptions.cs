namespace TrafficWatch.Detection;

/// <summary>Parameters of the <c>new-device</c> detector (configuration section <c>Detection:NewDevice</c>).</summary>
public sealed class NewDeviceOptions
{
    public const string Section = "Detection:NewDevice";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Alert only when an asset register is configured (then every unregistered device on a restricted zone is
    /// news). Default true: without a register every device is unregistered, and a first run would flag them all.
    /// When false and no register is configured, devices first seen after <see cref="LearningSeconds"/> alert.
    /// </summary>
    public bool OnlyWhenRegisterConfigured { get; set; } = true;

    /// <summary>
    /// Without a register: devices seen within this many seconds of packet time from the first device observed are
    /// the known fleet; only later arrivals alert. Default 3600. Ignored when a register is configured.
    /// </summary>
    public int LearningSeconds { get; set; } = 3_600;

    public void Validate()
        => OptionChecks.Require(LearningSeconds >= 0, Section, "LearningSeconds must not be negative");
}
