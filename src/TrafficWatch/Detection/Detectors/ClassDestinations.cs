namespace TrafficWatch.Detection;

/// <summary>What one device class is known to talk to, for <see cref="NewDestinationDetector"/>.</summary>
internal sealed class ClassDestinations(long learningStart, int maxDestinations, int maxDevices) : TrackedState
{
    public readonly long LearningStart = learningStart;
    public readonly BoundedStateTable<string, DestinationUsers> Destinations = new(maxDestinations);
    public readonly BoundedStateTable<ulong, TrackedState> Devices = new(maxDevices);
}
