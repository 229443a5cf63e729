namespace TrafficWatch.Detection;

/// <summary>Parameters of the <c>beaconing</c> detector (configuration section <c>Detection:Beaconing</c>).</summary>
public sealed class BeaconingOptions
{
    public const string Section = "Detection:Beaconing";

    public bool Enabled { get; set; } = true;

    /// <summary>Connections to one destination needed before it is scored. Default 10.</summary>
    public int MinConnections { get; set; } = 10;

    /// <summary>... spread over at least this many seconds of packet time. Default 3600.</summary>
    public int MinSpanSeconds { get; set; } = 3_600;

    /// <summary>Alert when the regularity score (0 = random, 1 = clockwork) reaches this. Default 0.8.</summary>
    public double ScoreThreshold { get; set; } = 0.8;

    /// <summary>
    /// Spread at which interval (or size) regularity scores zero: the median absolute deviation as a fraction of
    /// the median. Default 0.25 (a 60 s beacon with a typical deviation of 15 s or more is not regular).
    /// </summary>
    public double MaxRelativeDeviation { get; set; } = 0.25;

    /// <summary>The most recent connections scored per destination. Default 48.</summary>
    public int MaxSamples { get; set; } = 48;

    /// <summary>Median intervals shorter than this are bursts, not beacons. Default 1 second.</summary>
    public double MinPeriodSeconds { get; set; } = 1;

    /// <summary>Judge restricted devices only. Default true (office software checks in with many services legitimately).</summary>
    public bool RestrictedOnly { get; set; } = true;

    /// <summary>Judge external destinations only (NVRs poll cameras on a timer by design). Default true.</summary>
    public bool ExternalOnly { get; set; } = true;

    /// <summary>Skip known vendor clouds, which check in by design and are reported by <c>vendor-cloud</c>. Default true.</summary>
    public bool IgnoreVendorClouds { get; set; } = true;

    /// <summary>Destination ports never judged. Default 53 (DNS) and 123 (NTP), which are periodic by design. Configuration replaces the list.</summary>
    /// <remarks>Unset means the default; a configured list replaces it (the configuration binder would append to a non-empty default).</remarks>
    public int[]? IgnoredPorts { get; set; }

    internal int[] EffectiveIgnoredPorts => IgnoredPorts ?? [53, 123];

    /// <summary>(device, destination) pairs tracked at most; the least recently used are forgotten first. Default 10,000.</summary>
    public int MaxPairs { get; set; } = 10_000;

    /// <summary>After an alert, the pair is not scored again for this long. Default 3600.</summary>
    public int CooldownSeconds { get; set; } = 3_600;

    public void Validate()
    {
        OptionChecks.Require(MinConnections >= 4, Section, "MinConnections must be at least 4");
        OptionChecks.Require(MinSpanSeconds >= 0, Section, "MinSpanSeconds must not be negative");
        OptionChecks.Require(ScoreThreshold is > 0 and <= 1, Section, "ScoreThreshold must be in (0, 1]");
        OptionChecks.Require(MaxRelativeDeviation is > 0 and <= 1, Section, "MaxRelativeDeviation must be in (0, 1]");
        OptionChecks.Require(MaxSamples >= MinConnections && MaxSamples <= 1_024, Section, "MaxSamples must be between MinConnections and 1024");
        OptionChecks.Require(MinPeriodSeconds >= 0, Section, "MinPeriodSeconds must not be negative");
        OptionChecks.RequirePorts(EffectiveIgnoredPorts, Section, nameof(IgnoredPorts));
        OptionChecks.Require(MaxPairs >= 16, Section, "MaxPairs must be at least 16");
        OptionChecks.Require(CooldownSeconds >= 0, Section, "CooldownSeconds must not be negative");
    }
}
