using System.Globalization;
using System.Text;

namespace TrafficWatch.Simulation;

/// <summary>
/// Writes the asset register a council would keep for the simulated network (CSV: mac, ip, name, zone, site, owner,
/// notes): every planned device except an injected rogue one, so replaying with it flags exactly the rogue device
/// as unregistered. Zones follow the plan's VLANs: cameras (10), iot (20), office (untagged).
/// </summary>
public static class SimulatedAssetRegister
{
    public const string CamerasZone = "cameras";
    public const string IotZone = "iot";
    public const string OfficeZone = "office";

    /// <summary><c>X.pcap</c> -> <c>X.assets.csv</c>.</summary>
    public static string PathFor(string capturePath) => Path.ChangeExtension(capturePath, ".assets.csv");

    public static string ZoneOf(ushort vlan) => vlan switch
    {
        NetworkPlan.CameraVlan => CamerasZone,
        NetworkPlan.IotVlan => IotZone,
        _ => OfficeZone,
    };

    public static string WriteBeside(string capturePath, IReadOnlyList<SimulatedDevice> devices)
    {
        var path = PathFor(capturePath);
        var csv = new StringBuilder();
        csv.Append("mac,ip,name,zone,site,owner,notes\n");
        foreach (var device in devices)
        {
            if (device.Role == DeviceRole.RogueDevice)
            {
                continue;
            }
            var owner = device.Role switch
            {
                DeviceRole.Camera or DeviceRole.Nvr => "CCTV team",
                DeviceRole.IotSensor or DeviceRole.MqttBroker or DeviceRole.CoapGateway => "Smart city team",
                _ => "Council IT",
            };
            csv.Append(CultureInfo.InvariantCulture, $"{device.Mac},{device.Address},{device.Name},{ZoneOf(device.Vlan)},Town Hall,{owner},{device.Vendor} {device.Model}\n");
        }
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        return path;
    }
}
