using System.Globalization;
using System.Net;
using TrafficWatch.Decode;

namespace TrafficWatch.Simulation;

/// <summary>
/// Who is where. VLAN 10 (10.10.0.0/16): cameras and the NVR. VLAN 20 (10.20.0.0/16): IoT sensors, the MQTT
/// broker and the CoAP gateway. Untagged office LAN (10.0.0.0/16): PCs, DHCP server, DNS resolver, NTP server,
/// intranet. One router-on-a-stick (Cisco MAC, .1 on every VLAN) relays DHCP and routes everything else.
/// </summary>
internal sealed class NetworkPlan
{
    public const ushort CameraVlan = 10, IotVlan = 20, OfficeVlan = 0;
    public const string Domain = "council.local";

    private readonly HashSet<ulong> _usedMacs = [];
    private readonly Dictionary<uint, SimHost> _external = [];
    private readonly Random _random;

    private NetworkPlan(Random random)
    {
        _random = random;
        Router = Infrastructure(DeviceVendor.Cisco, "core-sw", "10.0.0.1", OfficeVlan, DeviceRole.Router);
        DhcpServer = Infrastructure(DeviceVendor.VMware, "dhcp01", "10.0.0.2", OfficeVlan, DeviceRole.DhcpServer);
        Resolver = Infrastructure(DeviceVendor.VMware, "dns01", "10.0.0.53", OfficeVlan, DeviceRole.DnsResolver);
        Intranet = Infrastructure(DeviceVendor.VMware, "intranet", "10.0.0.80", OfficeVlan, DeviceRole.IntranetServer);
        NtpServer = Infrastructure(DeviceVendor.VMware, "ntp01", "10.0.0.123", OfficeVlan, DeviceRole.NtpServer);
        Nvr = Infrastructure(DeviceVendor.Dell, "nvr01", "10.10.0.10", CameraVlan, DeviceRole.Nvr);
        Broker = Infrastructure(DeviceVendor.VMware, "mqtt", "10.20.0.10", IotVlan, DeviceRole.MqttBroker);
        CoapGateway = Infrastructure(DeviceVendor.Siemens, "coap-gw", "10.20.0.11", IotVlan, DeviceRole.CoapGateway);
    }

    public SimHost Router { get; }
    public SimHost DhcpServer { get; }
    public SimHost Resolver { get; }
    public SimHost Intranet { get; }
    public SimHost NtpServer { get; }
    public SimHost Nvr { get; }
    public SimHost Broker { get; }
    public SimHost CoapGateway { get; }

    public List<SimHost> Cameras { get; } = [];
    public List<SimHost> Sensors { get; } = [];
    public List<SimHost> OfficePcs { get; } = [];
    public SimHost? Rogue { get; private set; }

    /// <summary>Internal DNS zone: name to host.</summary>
    public Dictionary<string, SimHost> InternalNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SimHost[] Infrastructures => [Router, DhcpServer, Resolver, Intranet, NtpServer, Nvr, Broker, CoapGateway];

    public static NetworkPlan Build(Random random, int devices)
    {
        var plan = new NetworkPlan(random);
        var cameras = Math.Max(4, devices * 40 / 100);
        var sensors = Math.Max(2, devices * 35 / 100);
        var office = devices - cameras - sensors;
        for (var i = 0; i < cameras; i++)
        {
            // The first four are fixed so that every violation has a plausible culprit: Hikvision, Dahua, Hikvision, Dahua.
            var vendor = i < 4 ? (i % 2 == 0 ? DeviceVendor.Hikvision : DeviceVendor.Dahua)
                : DeviceVendor.CameraMix[random.Next(DeviceVendor.CameraMix.Length)];
            plan.Cameras.Add(plan.Endpoint(vendor, CameraVlan, i, DeviceRole.Camera));
        }
        for (var i = 0; i < sensors; i++)
        {
            var vendor = i < 2 || random.Next(3) != 0 ? DeviceVendor.Espressif : DeviceVendor.Siemens;
            plan.Sensors.Add(plan.Endpoint(vendor, IotVlan, i, DeviceRole.IotSensor));
        }
        for (var i = 0; i < office; i++)
        {
            var vendor = random.Next(3) == 0 ? DeviceVendor.Hp : DeviceVendor.Dell;
            plan.OfficePcs.Add(plan.Endpoint(vendor, OfficeVlan, i, DeviceRole.OfficePc));
        }
        plan.InternalNames["ntp." + Domain] = plan.NtpServer;
        plan.InternalNames["time." + Domain] = plan.NtpServer;
        plan.InternalNames["mqtt." + Domain] = plan.Broker;
        plan.InternalNames["coap-gw." + Domain] = plan.CoapGateway;
        plan.InternalNames["nvr01." + Domain] = plan.Nvr;
        plan.InternalNames["intranet." + Domain] = plan.Intranet;
        plan.InternalNames["sharepoint." + Domain] = plan.Intranet;
        foreach (var destination in SimulatedDestinations.All)
        {
            plan._external[BinaryPrimitivesHelper.ToUInt32(destination.Address)] = new SimHost(destination, ExternalTtl(destination), ExternalRtt(destination));
        }
        return plan;
    }

    /// <summary>Adds the rogue Raspberry Pi to the camera VLAN (its address is outside the camera range).</summary>
    public SimHost AddRogue()
    {
        var mac = NewMac(DeviceVendor.RaspberryPi);
        var info = new SimulatedDevice(mac, IPAddress.Parse("10.10.250.77"), DeviceVendor.RaspberryPi.Vendor, "raspberrypi",
            CameraVlan, DeviceRole.RogueDevice, DeviceVendor.RaspberryPi.Model);
        Rogue = new SimHost(info, 64, 41000) { Vendor = DeviceVendor.RaspberryPi };
        return Rogue;
    }

    public SimHost External(SimulatedDestination destination) => _external[BinaryPrimitivesHelper.ToUInt32(destination.Address)];

    public IPAddress GatewayFor(ushort vlan) => vlan switch
    {
        CameraVlan => IPAddress.Parse("10.10.0.1"),
        IotVlan => IPAddress.Parse("10.20.0.1"),
        _ => Router.IPAddress,
    };

    public IReadOnlyList<SimulatedDevice> Devices()
    {
        var all = new List<SimulatedDevice>();
        all.AddRange(Cameras.Select(static h => h.Info));
        all.AddRange(Sensors.Select(static h => h.Info));
        all.AddRange(OfficePcs.Select(static h => h.Info));
        if (Rogue is not null)
        {
            all.Add(Rogue.Info);
        }
        all.AddRange(Infrastructures.Select(static h => h.Info));
        return all;
    }

    private SimHost Endpoint(DeviceVendor vendor, ushort vlan, int index, DeviceRole role)
    {
        var mac = NewMac(vendor);
        var subnet = vlan == OfficeVlan ? "10.0" : vlan == CameraVlan ? "10.10" : "10.20";
        var address = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"{subnet}.{1 + index / 200}.{10 + index % 200}"));
        var name = vendor == DeviceVendor.Axis ? "axis-" + mac.ToString().Replace(":", "", StringComparison.Ordinal)
            : vendor == DeviceVendor.Espressif ? "ESP_" + (mac.Value & 0xFFFFFF).ToString("X6", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{vendor.HostnamePrefix}{index + 1:D3}");
        var info = new SimulatedDevice(mac, address, vendor.Vendor, name, vlan, role, vendor.Model);
        var ttl = vendor.Dhcp == DhcpProfile.Windows ? (byte)128 : (byte)64;
        return new SimHost(info, ttl, (ushort)(32768 + _random.Next(0, 20000))) { Vendor = vendor, RttMicros = 300 + _random.Next(0, 300) };
    }

    private SimHost Infrastructure(DeviceVendor vendor, string name, string address, ushort vlan, DeviceRole role)
    {
        var info = new SimulatedDevice(NewMac(vendor), IPAddress.Parse(address), vendor.Vendor, name, vlan, role, vendor.Model);
        return new SimHost(info, 64, 40000) { Vendor = vendor };
    }

    private MacAddress NewMac(DeviceVendor vendor)
    {
        while (true)
        {
            var oui = vendor.Ouis[_random.Next(vendor.Ouis.Length)];
            var value = ((ulong)oui << 24) | (uint)_random.Next(0, 1 << 24);
            if (_usedMacs.Add(value))
            {
                return new MacAddress(value);
            }
        }
    }

    private static byte ExternalTtl(SimulatedDestination d) => (byte)(d.CountryIsoCode is "GB" or "IE" ? 56 : d.CountryIsoCode is "US" or "CH" ? 52 : 44);

    private static long ExternalRtt(SimulatedDestination d) => d.CountryIsoCode switch
    {
        "GB" or "IE" => 9_000,
        "CH" => 14_000,
        "US" => d.Purpose == DestinationPurpose.VendorCloud ? 145_000 : 11_000,
        "RU" => 62_000,
        _ => 210_000,
    };
}
