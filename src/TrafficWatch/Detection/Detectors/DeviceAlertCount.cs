namespace TrafficWatch.Detection;

/// <summary>Alerts raised by one device in the current hour (see <see cref="DeviceAlertBudget"/>).</summary>
internal sealed class DeviceAlertCount : TrackedState
{
    public long HourStart = long.MinValue / 2;
    public int Count;
}
