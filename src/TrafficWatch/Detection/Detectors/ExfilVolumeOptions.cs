namespace TrafficWatch.Detection;

/// <summary>Parameters of the <c>exfil-volume</c> detector (configuration section <c>Detection:ExfilVolume</c>).</summary>
public sealed class ExfilVolumeOptions
{
    public const string Section = "Detection:ExfilVolume";

    public bool Enabled { get; set; } = true;

    /// <summary>Length of the sliding window, in seconds of packet time. Default 3600 (one hour).</summary>
    public int WindowSeconds { get; set; } = 3_600;

    /// <summary>Granularity of the window: bytes are summed in buckets this long. Default 60.</summary>
    public int BucketSeconds { get; set; } = 60;

    /// <summary>
    /// Fixed limit for restricted devices: more upload than this within one window alerts. Default 5,000,000 bytes
    /// (5 MB per hour): cameras and sensors normally send nothing outside, so a few megabytes is already suspicious.
    /// </summary>
    public long ThresholdBytes { get; set; } = 5_000_000;

    /// <summary>Per device class overrides of <see cref="ThresholdBytes"/>, e.g. <c>nvr: 50000000</c>. Default none.</summary>
    public Dictionary<string, long> ClassThresholdBytes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Also count bytes the device sends in sessions an external party started (a port-forwarded camera streaming
    /// out is data leaving too). Default true; downloads never count either way.
    /// </summary>
    public bool CountInboundSessions { get; set; } = true;

    /// <summary>
    /// Apply the learned-baseline test to unrestricted (office) devices too. Default false: offices are watched by
    /// policy rules, and their uploads (backups, video calls) vary too much for a per-device baseline to be quiet.
    /// </summary>
    public bool WatchUnrestricted { get; set; }

    /// <summary>Packet time a device is observed before its baseline is trusted. Default 86400 (24 h).</summary>
    public int BaselineLearningSeconds { get; set; } = 86_400;

    /// <summary>Alert when the window holds more than this many times the device's usual hourly upload. Default 10.</summary>
    public double BaselineFactor { get; set; } = 10;

    /// <summary>... and at least this many bytes (so a device that usually sends 1 kB does not alert at 10 kB). Default 1,000,000.</summary>
    public long BaselineFloorBytes { get; set; } = 1_000_000;

    /// <summary>Weight of the newest hour in the exponentially weighted moving average of hourly upload. Default 0.1.</summary>
    public double BaselineSmoothing { get; set; } = 0.1;

    /// <summary>Devices tracked at most; the least recently active are forgotten first. Default 50,000.</summary>
    public int MaxDevices { get; set; } = 50_000;

    public void Validate()
    {
        Require(WindowSeconds >= 60, "WindowSeconds must be at least 60");
        Require(BucketSeconds >= 1 && BucketSeconds <= WindowSeconds && WindowSeconds % BucketSeconds == 0 && WindowSeconds / BucketSeconds <= 1_440,
            "BucketSeconds must divide WindowSeconds into at most 1440 buckets");
        Require(ThresholdBytes >= 1, "ThresholdBytes must be positive");
        foreach (var (name, bytes) in ClassThresholdBytes)
        {
            Require(bytes >= 1, $"ClassThresholdBytes.{name} must be positive");
        }
        Require(BaselineLearningSeconds >= 3_600, "BaselineLearningSeconds must be at least 3600");
        Require(BaselineFactor > 1, "BaselineFactor must be above 1");
        Require(BaselineFloorBytes >= 0, "BaselineFloorBytes must not be negative");
        Require(BaselineSmoothing is > 0 and <= 1, "BaselineSmoothing must be in (0, 1]");
        Require(MaxDevices >= 16, "MaxDevices must be at least 16");
    }

    private static void Require(bool ok, string what) => OptionChecks.Require(ok, Section, what);
}
