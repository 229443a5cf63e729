using TrafficWatch.Simulation;

namespace TrafficWatch.Tests.Simulation;

/// <summary>Class fixture: each scenario is simulated once (small, low bit rate) and decoded, then shared by the tests.</summary>
public sealed class ScenarioCaptures : IDisposable
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(8);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tw-sim-" + Environment.ProcessId + "-" + Random.Shared.Next());
    private readonly Dictionary<string, (SimulationResult Result, List<CapturedPacket> Packets)> _runs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ScenarioCaptures() => Directory.CreateDirectory(_directory);

    public static SimulationOptions Options(string scenario, string path, int seed = 7) => new()
    {
        Scenario = scenario,
        Devices = 12,
        Duration = Duration,
        Seed = seed,
        CameraBitrateKbps = 32,
        OutputPath = path,
    };

    public (SimulationResult Result, List<CapturedPacket> Packets) Get(string scenario)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(scenario, out var run))
            {
                var result = new CityNetworkSimulator(Options(scenario, Path.Combine(_directory, scenario + ".pcap"))).Run();
                run = (result, CaptureFile.Read(result.OutputPath));
                _runs.Add(scenario, run);
            }
            return run;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
