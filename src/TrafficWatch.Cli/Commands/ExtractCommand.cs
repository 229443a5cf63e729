using System.CommandLine;
using System.Globalization;
using TrafficWatch.Capture;
using TrafficWatch.Cli.Configuration;
using TrafficWatch.Decode;
using TrafficWatch.Outputs.Evidence;

namespace TrafficWatch.Cli.Commands;

/// <summary>
/// <c>trafficwatch extract INPUT... --out evidence.pcap (--flow-id ID | --device MAC | --alert ID --eve EVE.json)</c>:
/// writes exactly the packets of one flow, device or alert to a new pcap that Wireshark opens.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "The capture files (or directories) the replay read; several are merged by timestamp, as replay does.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out", "-o") { Description = "Evidence file to write (classic pcap, nanosecond timestamps).", Required = true };
        var flowId = new Option<long?>("--flow-id") { Description = "EVE flow_id of the flow to extract." };
        var device = new Option<string?>("--device") { Description = "MAC address: every frame with it as source or destination." };
        var alert = new Option<long?>("--alert") { Description = "EVE alert.id: the alert's flow, or else its device's packets between first_seen and last_seen (needs --eve)." };
        var eve = new Option<string?>("--eve") { Description = "EVE JSON file holding the alert named by --alert (default eve.json in the current directory)." };
        var from = new Option<string?>("--from") { Description = "Only packets at or after this time (ISO-8601 or Unix seconds, as replay)." };
        var to = new Option<string?>("--to") { Description = "Only packets before this time (exclusive)." };
        var config = new Option<string?>("--config", "-c") { Description = "The replay's YAML configuration (its Flows timeouts decide where flows split)." };
        var command = new Command("extract",
            "Write the packets of one flow, device or alert to a new pcap (original bytes and timestamps) for Wireshark.");
        command.Arguments.Add(inputs);
        foreach (var o in new Option[] { output, flowId, device, alert, eve, from, to, config })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => Run(
            parse.GetValue(inputs)!, parse.GetValue(output)!, parse.GetValue(flowId), parse.GetValue(device), parse.GetValue(alert),
            parse.GetValue(eve), parse.GetValue(from), parse.GetValue(to), parse.GetValue(config), System.Console.Error));
        return command;
    }

    internal static int Run(string[] inputs, string output, long? flowId, string? device, long? alertId, string? eve,
        string? from, string? to, string? configPath, TextWriter err)
    {
        var selectors = (flowId is null ? 0 : 1) + (device is null ? 0 : 1) + (alertId is null ? 0 : 1);
        if (selectors != 1)
        {
            err.WriteLine("trafficwatch: extract needs exactly one of --flow-id ID, --device MAC or --alert ID");
            return ExitCodes.Usage;
        }
        if (eve is not null && alertId is null)
        {
            err.WriteLine("trafficwatch: --eve is only used with --alert");
            return ExitCodes.Usage;
        }
        if (!TimeWindowText.TryParseWindow(from, to, out var window, out var windowError))
        {
            err.WriteLine($"trafficwatch: {windowError}");
            return ExitCodes.Usage;
        }
        if (!SettingsLoader.TryLoad(configPath, null, out var settings))
        {
            return ExitCodes.Usage;
        }

        EvidenceQuery query;
        if (flowId is { } id)
        {
            query = EvidenceQuery.ForFlow(id, window);
        }
        else if (device is not null)
        {
            if (!MacAddress.TryParse(device, out var mac))
            {
                err.WriteLine($"trafficwatch: --device '{TerminalText(device)}' is not a MAC address like 00:11:22:33:44:55");
                return ExitCodes.Usage;
            }
            query = EvidenceQuery.ForDevice(mac, window);
        }
        else
        {
            var evePath = eve ?? "eve.json";
            EveAlertReference? reference;
            try
            {
                reference = File.Exists(evePath) ? EveAlertLookup.Find(evePath, alertId!.Value) : null;
            }
            catch (EvidenceException ex)
            {
                err.WriteLine($"trafficwatch: {ex.Message}");
                return ExitCodes.InputErrors;
            }
            if (!File.Exists(evePath))
            {
                err.WriteLine($"trafficwatch: EVE file {evePath} not found (name the replay's EVE output with --eve)");
                return ExitCodes.Usage;
            }
            if (reference is null)
            {
                err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trafficwatch: no alert with id {alertId} in {evePath}"));
                return ExitCodes.Usage;
            }
            var fromAlert = reference.ToQuery();
            if (fromAlert is null)
            {
                err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trafficwatch: alert {alertId} in {evePath} names neither a flow_id nor a device.mac"));
                return ExitCodes.Usage;
            }
            query = window.IsUnbounded ? fromAlert : fromAlert with { Window = window };
        }

        EvidenceResult result;
        try
        {
            result = new EvidenceExtractor(settings.Flows).Extract(inputs, query, output);
        }
        catch (EvidenceException ex)
        {
            err.WriteLine($"trafficwatch: {TerminalText(ex.Message)}");
            return ex.Failure == EvidenceFailure.InputUnreadable ? ExitCodes.InputErrors
                : ex.Failure == EvidenceFailure.CannotWrite ? ExitCodes.CannotStart
                : ex.Failure == EvidenceFailure.NothingMatched ? ExitCodes.Usage
                : ExitCodes.InputErrors;
        }
        catch (CaptureOpenException ex)
        {
            err.WriteLine($"trafficwatch: {ex.Message}");
            return ExitCodes.CannotStart;
        }
        foreach (var e in result.InputErrors)
        {
            err.WriteLine($"trafficwatch: {e}");
        }
        err.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {output}: {result.Packets} packets, {result.WireBytes} bytes of {query} (link type {result.LinkType}; {result.FramesRead} frames read)"));
        return result.InputErrors.Count > 0 ? ExitCodes.InputErrors : ExitCodes.Ok;
    }

    /// <summary>Control characters from arguments or files are not echoed raw to the terminal.</summary>
    private static string TerminalText(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = '?';
            }
        }
        return new string(chars);
    }
}
