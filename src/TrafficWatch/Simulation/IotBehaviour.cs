namespace TrafficWatch.Simulation;

/// <summary>
/// An IoT sensor's normal day: DHCP, ARP, DNS for its broker, then MQTT (1883, or 8883 with TLS) publishing every
/// ~30 s with keep-alive pings, or CoAP confirmable POSTs to the gateway; NTP every ~10 minutes.
/// </summary>
internal sealed class IotBehaviour(SimulationContext context, NetworkServices services)
{
    public IEnumerable<long> Run(SimHost sensor, int index)
    {
        foreach (var delay in services.Dhcp(sensor))
        {
            yield return delay;
        }
        yield return context.Seconds(0.05, 0.3);
        foreach (var delay in services.ArpGateway(sensor))
        {
            yield return delay;
        }
        context.Spawn(services.NtpLoop(sensor, 580, 620), context.Now + context.Seconds(1, 5));
        yield return context.Seconds(0.2, 1);
        var useCoap = sensor.Vendor == DeviceVendor.Siemens && index % 2 == 1;
        var server = useCoap ? context.Plan.CoapGateway : context.Plan.Broker;
        foreach (var delay in services.Lookup(sensor, (useCoap ? "coap-gw." : "mqtt.") + NetworkPlan.Domain))
        {
            yield return delay;
        }
        foreach (var delay in services.Arp(sensor, server.IPAddress, server))
        {
            yield return delay;
        }
        var inner = useCoap ? Coap(sensor) : Mqtt(sensor, tls: sensor.Vendor == DeviceVendor.Espressif && index % 2 == 0);
        foreach (var delay in inner)
        {
            yield return delay;
        }
    }

    private IEnumerable<long> Mqtt(SimHost sensor, bool tls)
    {
        var random = context.Random;
        var session = new TcpSession(context, sensor, context.Plan.Broker, tls ? (ushort)8883 : (ushort)1883);
        foreach (var delay in session.Open())
        {
            yield return delay;
        }
        if (tls)
        {
            var handshake = session.Exchange(TlsRecords.ClientHello(random, "mqtt." + NetworkPlan.Domain, browser: false),
                TlsRecords.ServerFlight(random, tls13: false, 1_900));
            foreach (var delay in handshake)
            {
                yield return delay;
            }
            foreach (var delay in session.Send(fromClient: true, TlsRecords.ClientFinished(random)))
            {
                yield return delay;
            }
        }
        foreach (var delay in session.Exchange(Wrap(IotPayloads.MqttConnect(sensor.Info.Name, 120), tls), Wrap(IotPayloads.MqttConnAck(), tls)))
        {
            yield return delay;
        }
        var topic = "council/sensors/" + sensor.Info.Name + "/state";
        for (var round = 1; ; round++)
        {
            yield return context.Seconds(27, 33);
            var publish = IotPayloads.MqttPublish(topic, IotPayloads.SensorJson(random, sensor.Info.Name, context.Now));
            foreach (var delay in session.Send(fromClient: true, Wrap(publish, tls)))
            {
                yield return delay;
            }
            if (round % 4 == 0)
            {
                yield return context.Seconds(0.5, 2);
                foreach (var delay in session.Exchange(Wrap(IotPayloads.MqttPingRequest(), tls), Wrap(IotPayloads.MqttPingResponse(), tls)))
                {
                    yield return delay;
                }
            }
        }
    }

    private byte[] Wrap(byte[] mqtt, bool tls) => tls ? TlsRecords.ApplicationData(context.Random, mqtt.Length + 22) : mqtt;

    private IEnumerable<long> Coap(SimHost sensor)
    {
        var random = context.Random;
        var gateway = context.Plan.CoapGateway;
        var link = context.LinkFrom(sensor, gateway);
        var port = sensor.NextEphemeralPort();
        var messageId = (ushort)random.Next(0, 65536);
        while (true)
        {
            var token = (ushort)random.Next(0, 65536);
            var post = IotPayloads.CoapPost(messageId, token, "climate", IotPayloads.SensorJson(random, sensor.Info.Name, context.Now));
            context.Frames.EmitUdp(link, sensor, gateway, port, 5683, post);
            yield return gateway.RttMicros + random.Next(100, 900);
            context.Frames.EmitUdp(link.Reverse, gateway, sensor, 5683, port, IotPayloads.CoapChanged(messageId, token));
            messageId++;
            yield return context.Seconds(18, 42);
        }
    }
}
