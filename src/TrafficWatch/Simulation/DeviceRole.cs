namespace TrafficWatch.Simulation;

/// <summary>What a simulated host is, as the scenario intends it (ground truth for attribution tests).</summary>
public enum DeviceRole
{
    Camera,
    IotSensor,
    OfficePc,
    Nvr,
    MqttBroker,
    CoapGateway,
    DnsResolver,
    NtpServer,
    DhcpServer,
    IntranetServer,
    Router,
    RogueDevice,
}
