namespace TrafficWatch.Detection;

/// <summary>When a key was last let through, and how many repeats were held back since.</summary>
internal sealed class AlertGateEntry : TrackedState
{
    public long LastForwarded;
    public long Repeats;
}
