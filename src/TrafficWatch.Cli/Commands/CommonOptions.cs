using System.CommandLine;
using TrafficWatch.Cli.Configuration;

namespace TrafficWatch.Cli.Commands;

/// <summary>
/// The options every run mode (replay, live capture) has, declared once: add them to a command, then
/// load the settings and make the run session from a parse result.
/// </summary>
internal sealed class CommonOptions
{
    private readonly Option<string?> _eve = Eve();
    private readonly Option<string?> _config = Config();
    private readonly Option<int?> _threads = Threads();
    private readonly Option<bool> _quiet = Quiet();
    private readonly Option<string?> _metrics = Metrics();
    private readonly Option<string?> _influx = Influx();
    private readonly Option<bool> _email = new("--email")
    {
        Description = "Send alert e-mails during a replay (needs the Email section enabled). Live capture sends them whenever the section is enabled.",
    };
    private readonly Option<string?> _signatures = new("--signatures")
    {
        Description = "Signatures folder (vendors.yaml, classes.yaml, policy.yaml, suppressions.yaml, oui/). Default: the one shipped beside the program.",
    };
    private readonly Option<string?> _assets = new("--assets")
    {
        Description = "The council's asset register (CSV with columns mac, ip, name, zone, site, owner, notes); devices not in it are marked unregistered.",
    };

    public Option<string?> FilterOption { get; } = Filter();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _eve, FilterOption, _config, _threads, _quiet, _metrics, _influx, _email, _signatures, _assets })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Settings from the configuration file and environment with this command line's overrides; false (one line printed) on a problem.</summary>
    public bool TryLoadSettings(ParseResult parse, out TrafficWatchSettings settings)
    {
        if (!SettingsLoader.TryLoad(parse.GetValue(_config), parse.GetValue(_threads), out settings, parse.GetValue(_influx)))
        {
            return false;
        }
        settings.Analysis.SignaturesDirectory = parse.GetValue(_signatures) ?? settings.Analysis.SignaturesDirectory;
        settings.Analysis.AssetRegisterFile = parse.GetValue(_assets) ?? settings.Analysis.AssetRegisterFile;
        return true;
    }

    public RunSession CreateSession(ParseResult parse, TrafficWatchSettings settings, string mode,
        IReadOnlyList<string>? reportPaths = null, IReadOnlyList<string>? inputs = null) => new()
    {
        ReportPaths = reportPaths ?? [],
        Inputs = inputs ?? [],
        Settings = settings,
        EvePath = parse.GetValue(_eve) ?? "eve.json",
        Quiet = parse.GetValue(_quiet),
        MetricsPath = parse.GetValue(_metrics) ?? "metrics.lp",
        Mode = mode,
        Email = mode == "capture" || parse.GetValue(_email),
    };

    private static Option<string?> Eve() => new("--eve")
    {
        Description = "Write EVE JSON events to this file ('-' for standard output). Default: eve.json in the current directory.",
    };

    private static Option<string?> Filter() => new("--filter", "-f")
    {
        Description = "BPF capture filter (tcpdump syntax), e.g. 'vlan 10 or net 10.10.0.0/16'.",
    };

    private static Option<string?> Config() => new("--config", "-c")
    {
        Description = "YAML configuration file (see README, 'Configuration'). Embedded defaults when omitted.",
    };

    private static Option<int?> Threads() => new("--threads")
    {
        Description = "1: single thread; 2 (default): capture+decode and flows on separate threads.",
    };

    private static Option<string?> Metrics() => new("--metrics")
    {
        Description = "Line-protocol file for the per-interval metrics when no InfluxDB is configured (default metrics.lp).",
    };

    private static Option<string?> Influx() => new("--influx")
    {
        Description = "InfluxDB URL (v1 /write or v2 API, detected from /ping); credentials come from the Influx config section or TRAFFICWATCH_Influx__Token.",
    };

    private static Option<bool> Quiet() => new("--quiet", "-q")
    {
        Description = "No progress display and no summary on standard error.",
    };
}
