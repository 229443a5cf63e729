namespace TrafficWatch.Attribution;

/// <summary>Coarse device classes used as hints in <c>vendors.yaml</c> (<c>classes:</c>) and in the inventory.</summary>
public enum DeviceClass
{
    /// <summary><c>unknown</c>: nothing better is known.</summary>
    Unknown,

    /// <summary><c>camera</c>: IP cameras, doorbells with video.</summary>
    Camera,

    /// <summary><c>nvr</c>: network/digital video recorders.</summary>
    Nvr,

    /// <summary><c>iot-sensor</c>: plugs, sensors, bulbs, hubs, embedded Wi-Fi modules.</summary>
    IotSensor,

    /// <summary><c>network</c>: switches, routers, access points, gateways.</summary>
    Network,

    /// <summary><c>office</c>: phones, laptops, printers, tablets.</summary>
    Office,

    /// <summary><c>server</c>: servers and single-board computers acting as such.</summary>
    Server,
}
