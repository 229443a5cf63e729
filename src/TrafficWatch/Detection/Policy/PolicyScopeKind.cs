namespace TrafficWatch.Detection.Policy;

/// <summary>What a <see cref="PolicyScope"/> applies to. Higher values are more specific and win.</summary>
public enum PolicyScopeKind : byte
{
    /// <summary>The <c>default:</c> scope: every device.</summary>
    Default,

    /// <summary>A zone under <c>zones:</c> (a VLAN or site zone from attribution).</summary>
    Zone,

    /// <summary>A device class under <c>classes:</c> (camera, nvr, iot-sensor ...).</summary>
    Class,

    /// <summary>A vendor id under <c>vendors:</c> (as in vendors.yaml).</summary>
    Vendor,

    /// <summary>One device, by MAC, under <c>devices:</c>.</summary>
    Device,
}
