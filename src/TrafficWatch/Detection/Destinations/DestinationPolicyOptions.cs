namespace TrafficWatch.Detection;

/// <summary>Parameters of the destination-policy findings (configuration section <c>Detection:DestinationPolicy</c>).</summary>
public sealed class DestinationPolicyOptions
{
    public const string Section = "Detection:DestinationPolicy";

    /// <summary>Raise <c>vendor-cloud</c> when a restricted device talks to its (or any) vendor's cloud/P2P service. Default true.</summary>
    public bool VendorCloud { get; set; } = true;

    /// <summary>Raise <c>restricted-country</c> for restricted devices. Default true.</summary>
    public bool RestrictedCountry { get; set; } = true;

    /// <summary>Also raise <c>restricted-country</c> for unrestricted (watched) devices such as office PCs. Default false: too noisy for browsing.</summary>
    public bool RestrictedCountryForAllDevices { get; set; }

    /// <summary>Raise <c>unapproved-destination</c> when policy denies a restricted device's destination. Default true.</summary>
    public bool UnapprovedDestination { get; set; } = true;

    /// <summary>Flows whose verdict is remembered, so each flow gives at most one finding.</summary>
    public int MaxTrackedFlows { get; set; } = 200_000;
}
