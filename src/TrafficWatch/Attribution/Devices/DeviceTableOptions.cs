namespace TrafficWatch.Attribution.Devices;

/// <summary>Bounds of the <see cref="DeviceTable"/>: every per-device list is capped so hostile traffic cannot grow memory.</summary>
public sealed class DeviceTableOptions
{
    public const string Section = "Devices";

    /// <summary>Devices kept; beyond this the device idle longest is evicted (and counted). Defaults to 65536.</summary>
    public int MaxDevices { get; set; } = 65_536;

    /// <summary>Addresses kept per device; the one seen longest ago is replaced. Defaults to 16.</summary>
    public int MaxAddressesPerDevice { get; set; } = 16;

    /// <summary>Names, vendor classes, mDNS/SSDP types and user agents kept per device, per list. Defaults to 16.</summary>
    public int MaxValuesPerDevice { get; set; } = 16;

    /// <summary>Service ports kept per device. Defaults to 32.</summary>
    public int MaxServicesPerDevice { get; set; } = 32;

    /// <summary>Distinct external destinations counted per device; the count stops (and is flagged capped) there. Defaults to 1024.</summary>
    public int MaxExternalDestinations { get; set; } = 1_024;

    /// <summary>Longest text kept from the wire (names, user agents); longer values are cut and marked with "…". Defaults to 1100 (the longest escaped DNS name).</summary>
    public int MaxTextLength { get; set; } = 1_100;

    /// <summary>A MAC that sources more distinct internal IPv4 addresses than this (from flows) is a router. Defaults to 8.</summary>
    public int RouterIPv4SourceThreshold { get; set; } = 8;

    /// <summary>As <see cref="RouterIPv4SourceThreshold"/> for global/ULA IPv6 (privacy addresses rotate). Defaults to 32.</summary>
    public int RouterIPv6SourceThreshold { get; set; } = 32;

    /// <summary>Checks the options; one line per problem (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, MaxDevices, 1, 10_000_000, nameof(MaxDevices));
        Check(errors, MaxAddressesPerDevice, 1, 1_024, nameof(MaxAddressesPerDevice));
        Check(errors, MaxValuesPerDevice, 1, 1_024, nameof(MaxValuesPerDevice));
        Check(errors, MaxServicesPerDevice, 1, 65_535, nameof(MaxServicesPerDevice));
        Check(errors, MaxExternalDestinations, 1, 1_000_000, nameof(MaxExternalDestinations));
        Check(errors, MaxTextLength, 64, 65_536, nameof(MaxTextLength));
        Check(errors, RouterIPv4SourceThreshold, 1, 1_000_000, nameof(RouterIPv4SourceThreshold));
        Check(errors, RouterIPv6SourceThreshold, 1, 1_000_000, nameof(RouterIPv6SourceThreshold));
        return errors;
    }

    private static void Check(List<string> errors, int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Section}:{name} must be between {min} and {max} (is {value}).");
        }
    }
}
