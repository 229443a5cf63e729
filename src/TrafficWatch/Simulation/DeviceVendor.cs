namespace TrafficWatch.Simulation;

/// <summary>A device family: real IEEE OUIs (checked against /usr/share/ieee-data/oui.csv), DHCP behaviour and naming.</summary>
internal sealed record DeviceVendor(
    string Vendor,
    uint[] Ouis,
    DhcpProfile Dhcp,
    string Model,
    string HostnamePrefix,
    string RtspPath = "",
    string RtspServer = "")
{
    public static DeviceVendor Hikvision { get; } = new("Hikvision", [0x4419B6, 0xBCAD28, 0xC056E3], DhcpProfile.Busybox,
        "DS-2CD2143G2-I", "HIKVISION-", "/Streaming/Channels/102", "Hikvision/V5.7.3");

    public static DeviceVendor Dahua { get; } = new("Dahua", [0x3CEF8C, 0x9002A9], DhcpProfile.Busybox,
        "IPC-HFW2431S-S-S2", "IPC-HFW2431S-", "/cam/realmonitor?channel=1&subtype=1", "Rtsp Server/3.0");

    public static DeviceVendor Axis { get; } = new("Axis", [0x00408C, 0xACCC8E], DhcpProfile.Axis,
        "M3106-L Mk II", "axis-", "/axis-media/media.amp?resolution=640x360", "AXIS Media Server");

    public static DeviceVendor Hanwha { get; } = new("Hanwha (Samsung Techwin)", [0x000918], DhcpProfile.Hanwha,
        "XNO-6080R", "XNO-6080R-", "/profile2/media.smp", "Wisenet RTSP Server");

    public static DeviceVendor Espressif { get; } = new("Espressif", [0x240AC4, 0x7CDFA1, 0xD8F15B, 0x500291], DhcpProfile.EspIdf,
        "ESP32 (Tuya-style firmware)", "ESP_");

    public static DeviceVendor Siemens { get; } = new("Siemens", [0x000E8C], DhcpProfile.Siemens,
        "PXC4.E16 room controller", "SIEMENS-PXC-");

    public static DeviceVendor Dell { get; } = new("Dell", [0xF48E38, 0xD89EF3, 0x989096], DhcpProfile.Windows,
        "Latitude 5440 (Windows 11)", "CNCL-LT-");

    public static DeviceVendor Hp { get; } = new("HP", [0x3CD92B], DhcpProfile.Windows,
        "EliteDesk 800 G6 (Windows 11)", "CNCL-PC-");

    public static DeviceVendor RaspberryPi { get; } = new("Raspberry Pi", [0xB827EB], DhcpProfile.Raspbian,
        "Raspberry Pi 3 (Raspberry Pi OS)", "raspberrypi");

    public static DeviceVendor Cisco { get; } = new("Cisco", [0x001B54], DhcpProfile.Busybox, "Catalyst 9300 L3 switch", "core-sw");

    public static DeviceVendor VMware { get; } = new("VMware", [0x005056, 0x000C29], DhcpProfile.Busybox, "Virtual machine", "");

    public static DeviceVendor[] CameraMix { get; } = [Hikvision, Hikvision, Hikvision, Dahua, Dahua, Axis, Hanwha];
}
