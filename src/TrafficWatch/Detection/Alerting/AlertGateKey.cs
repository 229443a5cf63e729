namespace TrafficWatch.Detection;

/// <summary>What makes two alerts "the same" for <see cref="AlertGate"/>: rule, device and destination (name when known, else address).</summary>
internal readonly record struct AlertGateKey(string Rule, ulong Mac, UInt128 Address, string? Name)
{
    public static AlertGateKey Of(Alert alert)
    {
        var destination = alert.Destination;
        if (destination is null)
        {
            return new(alert.Rule, alert.Device.Mac.Value, 0, null);
        }
        return string.IsNullOrEmpty(destination.Name)
            ? new(alert.Rule, alert.Device.Mac.Value, destination.Address, null)
            : new(alert.Rule, alert.Device.Mac.Value, 0, destination.Name.ToLowerInvariant());
    }
}
