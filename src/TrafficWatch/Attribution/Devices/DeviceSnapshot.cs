using TrafficWatch.Attribution.Assets;
using TrafficWatch.Decode;

namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// An immutable copy of a <see cref="Device"/> with its classification, safe to hand to other threads and
/// formatters. Text is faithful wire text: escape it for display (see <see cref="DeviceInventoryFormatter"/>).
/// </summary>
public sealed record DeviceSnapshot
{
    public required MacAddress Mac { get; init; }
    public required ushort Vlan { get; init; }

    /// <summary>IEEE registry organization (full name), or null.</summary>
    public string? Organization { get; init; }

    /// <summary>vendors.yaml id (e.g. <c>hikvision</c>), or null.</summary>
    public string? VendorId { get; init; }

    public string? VendorCountry { get; init; }
    public required DeviceClassification Classification { get; init; }
    public required IReadOnlyList<DeviceName> Names { get; init; }
    public required IReadOnlyList<DeviceAddress> Addresses { get; init; }
    public required IReadOnlyList<DeviceService> Services { get; init; }
    public required IReadOnlyList<string> VendorClasses { get; init; }
    public string? DhcpFingerprint { get; init; }
    public string? Dhcpv6Fingerprint { get; init; }
    public UInt128? RequestedAddress { get; init; }
    public required IReadOnlyList<string> MdnsServices { get; init; }
    public required IReadOnlyList<string> SsdpTypes { get; init; }
    public required IReadOnlyList<string> SsdpServers { get; init; }
    public required IReadOnlyList<string> UserAgents { get; init; }
    public required bool IsRouter { get; init; }
    public string? Zone { get; init; }
    public AssetRecord? Asset { get; init; }
    public bool Registered => Asset is not null;
    public required PacketTime FirstSeen { get; init; }
    public required PacketTime LastSeen { get; init; }
    public required long BytesOut { get; init; }
    public required long BytesIn { get; init; }
    public required int ExternalDestinations { get; init; }
    public required bool ExternalDestinationsCapped { get; init; }

    public DeviceClass Class => Classification.Class;

    public static DeviceSnapshot From(Device device, DeviceClassification classification)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(classification);
        return new DeviceSnapshot
        {
            Mac = device.Mac,
            Vlan = device.Vlan,
            Organization = device.Organization,
            VendorId = device.Vendor?.Id,
            VendorCountry = device.Vendor?.Country,
            Classification = classification,
            Names = [.. device.NameList],
            Addresses = [.. device.AddressList.OrderBy(static a => a.IsIPv4 ? 0 : 1).ThenBy(static a => a.Address)],
            Services = [.. device.ServiceList.OrderBy(static s => s.Protocol).ThenBy(static s => s.Port)],
            VendorClasses = [.. device.VendorClassList],
            DhcpFingerprint = device.DhcpFingerprint,
            Dhcpv6Fingerprint = device.Dhcpv6Fingerprint,
            RequestedAddress = device.RequestedAddress,
            MdnsServices = [.. device.MdnsServiceList],
            SsdpTypes = [.. device.SsdpTypeList],
            SsdpServers = [.. device.SsdpServerList],
            UserAgents = [.. device.UserAgentList],
            IsRouter = device.IsRouter,
            Zone = device.Zone,
            Asset = device.Asset,
            FirstSeen = device.FirstSeen,
            LastSeen = device.LastSeen,
            BytesOut = device.BytesOut,
            BytesIn = device.BytesIn,
            ExternalDestinations = device.ExternalDestinations,
            ExternalDestinationsCapped = device.ExternalDestinationsCapped,
        };
    }
}
