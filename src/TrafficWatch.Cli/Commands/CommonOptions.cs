using System.CommandLine;

namespace TrafficWatch.Cli.Commands;

/// <summary>Options shared by the run modes (replay and live capture).</summary>
internal static class CommonOptions
{
    public static Option<string?> Eve() => new("--eve")
    {
        Description = "Write EVE JSON events to this file ('-' for standard output). Default: eve.json in the current directory.",
    };

    public static Option<string?> Filter() => new("--filter", "-f")
    {
        Description = "BPF capture filter (tcpdump syntax), e.g. 'vlan 10 or net 10.10.0.0/16'.",
    };

    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "YAML configuration file (see README, 'Configuration'). Embedded defaults when omitted.",
    };

    public static Option<int?> Threads() => new("--threads")
    {
        Description = "1: single thread; 2 (default): capture+decode and flows on separate threads.",
    };

    public static Option<string?> Metrics() => new("--metrics")
    {
        Description = "Line-protocol file for the per-interval metrics when no InfluxDB is configured (default metrics.lp).",
    };

    public static Option<string?> Influx() => new("--influx")
    {
        Description = "InfluxDB URL (v1 /write or v2 API, detected from /ping); credentials come from the Influx config section or TRAFFICWATCH_Influx__Token.",
    };

    public static Option<bool> Quiet() => new("--quiet", "-q")
    {
        Description = "No progress display and no summary on standard error.",
    };
}
