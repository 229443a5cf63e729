namespace TrafficWatch.Detection;

/// <summary>Parameters of the <c>dns-tunnel</c> detector (configuration section <c>Detection:DnsTunnel</c>).</summary>
public sealed class DnsTunnelOptions
{
    public const string Section = "Detection:DnsTunnel";

    public bool Enabled { get; set; } = true;

    /// <summary>Counting window per (device, domain), in seconds of packet time. Default 600 (10 minutes).</summary>
    public int WindowSeconds { get; set; } = 600;

    /// <summary>Alert when a device looks up this many different names under one domain within a window. Default 100.</summary>
    public int UniqueSubdomainThreshold { get; set; } = 100;

    /// <summary>... or this many different names with a long or high-entropy label. Default 20.</summary>
    public int SuspiciousNameThreshold { get; set; } = 20;

    /// <summary>A label at least this long is suspicious (the DNS maximum is 63). Default 40.</summary>
    public int LongLabelLength { get; set; } = 40;

    /// <summary>A label whose Shannon entropy reaches this many bits per character is suspicious. Default 3.5.</summary>
    public double EntropyBitsPerChar { get; set; } = 3.5;

    /// <summary>... when it is at least this long (short labels cannot show their randomness). Default 16.</summary>
    public int MinEntropyLabelLength { get; set; } = 16;

    /// <summary>Judge restricted devices only. Default false: tunnelling is suspicious from any device.</summary>
    public bool RestrictedOnly { get; set; }

    /// <summary>Registered domains never judged (e.g. an anti-virus service that looks up hashes through DNS). Default none.</summary>
    public string[] IgnoredDomains { get; set; } = [];

    /// <summary>(device, domain) pairs tracked at most; the least recently used are forgotten first. Default 20,000.</summary>
    public int MaxPairs { get; set; } = 20_000;

    /// <summary>After an alert the pair is not judged again for this long. Default 3600.</summary>
    public int CooldownSeconds { get; set; } = 3_600;

    public void Validate()
    {
        OptionChecks.Require(WindowSeconds >= 1, Section, "WindowSeconds must be positive");
        OptionChecks.Require(UniqueSubdomainThreshold is >= 2 and <= 100_000, Section, "UniqueSubdomainThreshold must be between 2 and 100000");
        OptionChecks.Require(SuspiciousNameThreshold is >= 1 and <= 100_000, Section, "SuspiciousNameThreshold must be between 1 and 100000");
        OptionChecks.Require(LongLabelLength is >= 1 and <= 63, Section, "LongLabelLength must be between 1 and 63");
        OptionChecks.Require(EntropyBitsPerChar is > 0 and <= 8, Section, "EntropyBitsPerChar must be in (0, 8]");
        OptionChecks.Require(MinEntropyLabelLength is >= 1 and <= 63, Section, "MinEntropyLabelLength must be between 1 and 63");
        OptionChecks.Require(MaxPairs >= 16, Section, "MaxPairs must be at least 16");
        OptionChecks.Require(CooldownSeconds >= 0, Section, "CooldownSeconds must not be negative");
    }
}
