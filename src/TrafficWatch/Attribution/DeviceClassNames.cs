namespace TrafficWatch.Attribution;

/// <summary>The YAML spelling of <see cref="DeviceClass"/> values (lower-case, hyphenated).</summary>
public static class DeviceClassNames
{
    /// <summary>Every accepted name, in the order of the enum.</summary>
    public static IReadOnlyList<string> All { get; } = ["unknown", "camera", "nvr", "iot-sensor", "network", "office", "server"];

    public static bool TryParse(string name, out DeviceClass deviceClass)
    {
        deviceClass = name switch
        {
            "unknown" => DeviceClass.Unknown,
            "camera" => DeviceClass.Camera,
            "nvr" => DeviceClass.Nvr,
            "iot-sensor" => DeviceClass.IotSensor,
            "network" => DeviceClass.Network,
            "office" => DeviceClass.Office,
            "server" => DeviceClass.Server,
            _ => (DeviceClass)(-1),
        };
        return deviceClass >= 0;
    }

    public static string ToName(this DeviceClass deviceClass) => All[(int)deviceClass];
}
