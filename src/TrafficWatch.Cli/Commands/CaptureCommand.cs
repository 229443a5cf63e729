using System.CommandLine;
using TrafficWatch.Capture;

namespace TrafficWatch.Cli.Commands;

/// <summary><c>trafficwatch capture --interface NAME</c>: live capture until Ctrl-C or SIGTERM, then flows are flushed.</summary>
internal static class CaptureCommand
{
    public static Command Create()
    {
        var iface = new Option<string>("--interface", "-i")
        {
            Description = "Interface to capture on (the SPAN/mirror port), e.g. eth1.",
            Required = true,
        };
        var snaplen = new Option<int?>("--snaplen", "-s") { Description = "Snap length in bytes (default 262144)." };
        var noPromisc = new Option<bool>("--no-promiscuous") { Description = "Do not put the interface in promiscuous mode." };
        var buffer = new Option<int?>("--buffer-mb") { Description = "Kernel capture buffer in MiB (default 64)." };
        var common = new CommonOptions();
        var command = new Command("capture", "Capture live from an interface until Ctrl-C/SIGTERM.");
        foreach (var o in new Option[] { iface, snaplen, noPromisc, buffer })
        {
            command.Options.Add(o);
        }
        common.AddTo(command);
        command.SetAction(parse =>
        {
            if (!common.TryLoadSettings(parse, out var settings))
            {
                return ExitCodes.Usage;
            }
            var options = settings.Capture;
            options.Interface = parse.GetValue(iface)!;
            if (parse.GetValue(common.FilterOption) is { } f)
            {
                options.Filter = f;
            }
            if (parse.GetValue(snaplen) is { } s)
            {
                options.SnapLength = s;
            }
            if (parse.GetValue(noPromisc))
            {
                options.Promiscuous = false;
            }
            if (parse.GetValue(buffer) is { } mb)
            {
                options.KernelBufferBytes = mb * 1024 * 1024;
            }
            settings.Pipeline.DropWhenFull = true;     // never stall libpcap: count queue drops instead
            return RunSession.OpenAndRun(() => LiveCaptureSource.Open(options), common.CreateSession(parse, settings, "capture"));
        });
        return command;
    }
}
