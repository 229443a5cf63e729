namespace TrafficWatch.Attribution;

/// <summary>One vendor from <c>signatures/vendors.yaml</c>.</summary>
public sealed class VendorEntry
{
    /// <summary>Stable lower-case identifier, e.g. <c>hikvision</c>; used in policies and outputs.</summary>
    public required string Id { get; init; }

    /// <summary>Human-readable name, e.g. <c>Hikvision</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Id of the owning vendor (EZVIZ belongs to Hikvision), or null.</summary>
    public string? Parent { get; init; }

    /// <summary>IEEE registry organization names whose MAC blocks belong to this vendor, exactly as registered.</summary>
    public required IReadOnlyList<string> IeeeOrganizations { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code of the vendor's home country, or null when not stated.</summary>
    public string? Country { get; init; }

    /// <summary>Device classes this vendor's MAC blocks usually mean.</summary>
    public required IReadOnlyList<DeviceClass> Classes { get; init; }

    /// <summary>Cloud, P2P and update domains (suffix match: <c>hik-connect.com</c> covers <c>*.hik-connect.com</c>).</summary>
    public required IReadOnlyList<string> Domains { get; init; }

    /// <summary>Autonomous systems the vendor itself operates (not its hosting provider's).</summary>
    public required IReadOnlyList<uint> Asns { get; init; }

    /// <summary>Where the facts come from (URLs or document titles).</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>1-based line of the entry in the file, for messages.</summary>
    public int Line { get; init; }

    public override string ToString() => Id;
}
