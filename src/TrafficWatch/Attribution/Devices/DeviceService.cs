namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// A port the device was contacted on as the responder of a flow. <see cref="Answered"/> is set once the pipeline
/// reports that the device replied (<see cref="DeviceTable.ObserveServiceAnswered"/>); an unanswered port may
/// only be a scan, so the classifier counts it at half weight. Ports from 32768 up and the DHCP client ports are
/// only recorded when a <c>services</c> rule names them.
/// </summary>
public readonly record struct DeviceService(byte Protocol, ushort Port, bool Answered, PacketTime FirstSeen)
{
    public override string ToString() => $"{ServicePorts.ProtocolName(Protocol)}/{Port}";
}
