namespace TrafficWatch.Simulation;

/// <summary>What a device family sends in DHCP: vendor class (option 60, may be empty) and parameter list (option 55).</summary>
internal sealed record DhcpProfile(string VendorClass, byte[] ParameterList)
{
    public static DhcpProfile Busybox { get; } = new("udhcp 1.20.2", [1, 3, 6, 12, 15, 28, 42]);
    public static DhcpProfile Axis { get; } = new("AXIS,Network Camera,M3106-L Mk II,10.12.213", [1, 3, 6, 12, 15, 28, 42, 43]);
    public static DhcpProfile Hanwha { get; } = new("udhcp 1.22.1", [1, 3, 6, 12, 15, 28, 42]);
    public static DhcpProfile EspIdf { get; } = new("", [1, 3, 28, 6, 15, 44, 46, 47, 31, 33, 121, 43]);
    public static DhcpProfile Siemens { get; } = new("SIEMENS", [1, 3, 6, 15, 42]);
    public static DhcpProfile Windows { get; } = new("MSFT 5.0", [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252]);
    public static DhcpProfile Raspbian { get; } = new("dhcpcd-9.4.1:Linux-6.1.21-v8+:aarch64:BCM2835", [1, 121, 33, 3, 6, 12, 15, 26, 28, 51, 54, 58, 59, 119]);
}
