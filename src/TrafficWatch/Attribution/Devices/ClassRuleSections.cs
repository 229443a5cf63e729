namespace TrafficWatch.Attribution.Devices;

/// <summary>Rule section names of <c>classes.yaml</c>.</summary>
public static class ClassRuleSections
{
    public const string Services = "services";
    public const string DhcpVendorClass = "dhcp-vendor-class";
    public const string Names = "names";
    public const string Mdns = "mdns";
    public const string Ssdp = "ssdp";
    public const string UserAgent = "user-agent";

    /// <summary>Sections whose rules carry a <c>match:</c> regular expression.</summary>
    public static IReadOnlyList<string> PatternSections { get; } = [DhcpVendorClass, Names, Ssdp, UserAgent];
}
