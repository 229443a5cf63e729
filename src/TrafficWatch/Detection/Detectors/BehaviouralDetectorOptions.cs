namespace TrafficWatch.Detection;

/// <summary>
/// The parameters of every behavioural detector, each bound from its own configuration section
/// (<c>Detection:ExfilVolume</c>, <c>Detection:DirectIp</c> ...; see each class's <c>Section</c>).
/// </summary>
public sealed class BehaviouralDetectorOptions
{
    public ExfilVolumeOptions ExfilVolume { get; } = new();
    public DirectIpOptions DirectIp { get; } = new();
    public NewDestinationOptions NewDestination { get; } = new();
    public BeaconingOptions Beaconing { get; } = new();
    public DnsTunnelOptions DnsTunnel { get; } = new();
    public NewDeviceOptions NewDevice { get; } = new();
    public CleartextManagementOptions CleartextManagement { get; } = new();
    public AlertGateOptions AlertGate { get; } = new();

    /// <summary>Each options object with the configuration section it binds from.</summary>
    public IEnumerable<(string Section, object Options)> Sections()
    {
        yield return (ExfilVolumeOptions.Section, ExfilVolume);
        yield return (DirectIpOptions.Section, DirectIp);
        yield return (NewDestinationOptions.Section, NewDestination);
        yield return (BeaconingOptions.Section, Beaconing);
        yield return (DnsTunnelOptions.Section, DnsTunnel);
        yield return (NewDeviceOptions.Section, NewDevice);
        yield return (CleartextManagementOptions.Section, CleartextManagement);
        yield return (AlertGateOptions.Section, AlertGate);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the section and key of the first bad value.</summary>
    public void Validate()
    {
        ExfilVolume.Validate();
        DirectIp.Validate();
        NewDestination.Validate();
        Beaconing.Validate();
        DnsTunnel.Validate();
        NewDevice.Validate();
        CleartextManagement.Validate();
        AlertGate.Validate();
    }
}
