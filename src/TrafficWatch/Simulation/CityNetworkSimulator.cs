using System.Diagnostics;

namespace TrafficWatch.Simulation;

/// <summary>
/// Writes a deterministic capture of a council network: camera VLAN 10, IoT VLAN 20, an untagged office LAN and
/// their infrastructure, plus the violations the scenario asks for (<see cref="SimulationScenarios"/>).
/// </summary>
/// <remarks>
/// Everything is driven by one <see cref="Random"/> seeded with <see cref="SimulationOptions.Seed"/> and by packet
/// time starting at <see cref="SimulationOptions.StartTime"/>: no wall clock, no <see cref="Guid"/>, no dependence on
/// hash-table iteration order, so the same options give a byte-identical file.
/// </remarks>
public sealed class CityNetworkSimulator
{
    private const int BlobBytes = 256 * 1024;
    private readonly SimulationOptions _options;

    public CityNetworkSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Writes the capture to <see cref="SimulationOptions.OutputPath"/> and returns the ground truth.</summary>
    public SimulationResult Run()
    {
        _options.Validate();
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(_options.Seed);
        var start = (_options.StartTime.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var end = start + _options.Duration.Ticks / 10;
        var violations = SimulationScenarios.ViolationsOf(_options.Scenario);
        var plan = NetworkPlan.Build(random, _options.Devices);
        var blob = new PayloadBlob(random, BlobBytes);

        SimulationContext context;
        using (var writer = OpenWriter())
        {
            context = new SimulationContext(writer, random, start, end) { Plan = plan };
            Schedule(context, violations, blob);
            context.Run();
        }
        var ordered = context.Violations.OrderBy(static v => v.FirstSeen).ThenBy(static v => v.Rule, StringComparer.Ordinal).ToList();
        return new SimulationResult
        {
            OutputPath = _options.OutputPath,
            Scenario = _options.Scenario,
            Seed = _options.Seed,
            StartTime = _options.StartTime,
            EndTime = _options.StartTime + _options.Duration,
            Packets = context.Packets,
            Bytes = context.Bytes,
            FileBytes = new FileInfo(_options.OutputPath).Length,
            Flows = context.Flows,
            Devices = plan.Devices(),
            Violations = ordered,
            Elapsed = stopwatch.Elapsed,
        };
    }

    private IPcapRecordWriter OpenWriter() => _options.Writer switch
    {
        PcapWriterKind.SharpPcap => new SharpPcapRecordWriter(_options.OutputPath),
        _ => new ManagedPcapWriter(_options.OutputPath),
    };

    private void Schedule(SimulationContext context, IReadOnlyList<string> violations, PayloadBlob blob)
    {
        var plan = context.Plan;
        var services = new NetworkServices(context);
        var cameras = new CameraBehaviour(context, services, blob, _options.CameraBitrateKbps);
        var iot = new IotBehaviour(context, services);
        var office = new OfficeBehaviour(context, services, _options.OfficeInternet);
        var bad = new ViolationBehaviour(context, services);
        var boot = Math.Min(SimulationContext.Seconds(20), context.Duration / 20);

        context.Spawn(NtpUpstream(context, services), context.Start + context.Seconds(0, 5));
        foreach (var camera in plan.Cameras)
        {
            context.Spawn(cameras.Run(camera), context.Start + context.Random.NextInt64(0, boot));
        }
        for (var i = 0; i < plan.Sensors.Count; i++)
        {
            context.Spawn(iot.Run(plan.Sensors[i], i), context.Start + context.Random.NextInt64(0, boot));
        }
        foreach (var pc in plan.OfficePcs)
        {
            context.Spawn(office.Run(pc), context.Start + context.Random.NextInt64(0, boot));
        }

        long At(double fraction) => context.Start + (long)(context.Duration * fraction) + context.Random.Next(0, 1_000_000);
        foreach (var rule in violations)
        {
            switch (rule)
            {
                case SimulationScenarios.VendorCloud:
                    context.Spawn(bad.VendorCloud(plan.Cameras[0]), At(0.20));
                    break;
                case SimulationScenarios.DirectIp:
                    context.Spawn(bad.DirectIp(plan.Cameras[1]), At(0.30));
                    break;
                case SimulationScenarios.Beaconing:
                    context.Spawn(bad.Beaconing(plan.Sensors[0]), At(0.08));
                    break;
                case SimulationScenarios.DnsTunnel:
                    context.Spawn(bad.DnsTunnel(plan.Sensors[1]), At(0.40));
                    break;
                case SimulationScenarios.RogueDevice:
                    context.Spawn(bad.RogueDevice(plan.AddRogue()), At(0.50));
                    break;
                case SimulationScenarios.SlowDrip:
                    context.Spawn(bad.SlowDrip(plan.Cameras[2]), At(0.12));
                    break;
                case SimulationScenarios.CleartextManagement:
                    context.Spawn(bad.CleartextManagement(plan.Cameras[3]), At(0.60));
                    break;
            }
        }
    }

    /// <summary>The internal NTP server polls its upstream every ~2 minutes (allowed external traffic).</summary>
    private static IEnumerable<long> NtpUpstream(SimulationContext context, NetworkServices services)
    {
        var upstream = context.Plan.External(SimulatedDestinations.NtpUpstream);
        while (true)
        {
            foreach (var delay in services.Ntp(context.Plan.NtpServer, upstream, 2))
            {
                yield return delay;
            }
            yield return context.Seconds(120, 136);
        }
    }
}
