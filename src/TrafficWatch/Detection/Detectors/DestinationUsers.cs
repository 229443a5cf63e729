namespace TrafficWatch.Detection;

/// <summary>The devices of one class that used one destination (a bounded set of MAC addresses).</summary>
internal sealed class DestinationUsers : TrackedState
{
    public readonly HashSet<ulong> Devices = [];
}
