using System.Text.Json;
using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Decode;
using TrafficWatch.Enrichment;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Attribution.Devices;

/// <summary>
/// Every shared capture with a tshark truth file, fed through Capture, Decode, the App parsers and the
/// <see cref="DeviceTable"/>: every DHCP client hostname and vendor class tshark reports must end up on the
/// client's MAC, every DHCP ACK address and ARP sender address on the right MAC; routers never hold flow-learnt
/// addresses; vendors equal the IEEE registry's; the inventory formats cleanly.
/// </summary>
public sealed class DeviceCaptureTruthTests(ITestOutputHelper output)
{
    private const int MaxSkippedEntries = 10;

    private static readonly string[] s_clientTypes = ["DISCOVER", "REQUEST", "INFORM", "DECLINE", "RELEASE"];

    [Fact]
    public void Dhcp_names_and_arp_and_ack_addresses_from_real_captures_land_on_the_right_mac()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var failures = new List<string>();
        var skipped = new List<string>();
        var arpSkipped = new List<string>();
        int captures = 0, hostnames = 0, vendorClasses = 0, acks = 0, arps = 0, devices = 0, routers = 0;
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "pcaps")).Order(StringComparer.Ordinal))
        {
            var appPath = Path.Combine(dir, "truth", "app.json");
            var summaryPath = Path.Combine(dir, "truth", "summary.json");
            if (!File.Exists(appPath) || !File.Exists(summaryPath))
            {
                continue;
            }
            using var app = JsonDocument.Parse(File.ReadAllText(appPath));
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var name = Path.GetFileName(dir);
            var table = DeviceTestKit.NewTable(new DeviceTableOptions { MaxAddressesPerDevice = 1_024, MaxValuesPerDevice = 1_024 });
            var feeder = new CaptureDeviceFeeder(table, AddressScope.Default);
            try
            {
                feeder.Feed(Path.Combine(dir, summary.RootElement.GetProperty("file").GetString()!));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or TrafficWatch.Capture.CaptureOpenException)
            {
                output.WriteLine($"{name}: capture not readable ({ex.GetType().Name}), skipped");
                continue;
            }
            captures++;
            var snapshot = table.Snapshot();
            devices += snapshot.Count;
            routers += snapshot.Count(static d => d.IsRouter);

            foreach (var entry in app.RootElement.GetProperty("dhcp").EnumerateArray())
            {
                var frame = entry.GetProperty("frame").GetInt64();
                var where = $"{name} frame {frame}";
                if (!feeder.DhcpFrames.Contains(frame))
                {
                    skipped.Add($"{where}: not a plain UDP datagram here");
                    continue;
                }
                var mac = DeviceTestKit.MacOf(entry.GetProperty("client_mac").GetString()!);
                var device = snapshot.FirstOrDefault(d => d.Mac == mac);
                var type = entry.GetProperty("msg_type").GetString();
                if (s_clientTypes.Contains(type))
                {
                    if (entry.GetProperty("hostname").GetString() is { Length: > 0 } hostname)
                    {
                        hostnames++;
                        if (device is null || !device.Names.Contains(new DeviceName(DeviceNameKinds.DhcpHostname, hostname)))
                        {
                            failures.Add($"{where}: hostname '{hostname}' not on {mac}");
                        }
                    }
                    if (entry.GetProperty("vendor_class").GetString() is { Length: > 0 } vendorClass)
                    {
                        vendorClasses++;
                        if (device is null || !device.VendorClasses.Contains(vendorClass))
                        {
                            failures.Add($"{where}: vendor class '{vendorClass}' not on {mac}");
                        }
                    }
                }
                else if (type == "ACK" && entry.GetProperty("yiaddr").GetString() is { } yiaddr && yiaddr != "0.0.0.0")
                {
                    acks++;
                    if (device is null || !device.Addresses.Any(a => a.Address == IpAddr.Parse(yiaddr)))
                    {
                        failures.Add($"{where}: ACK address {yiaddr} not on {mac}");
                    }
                }
            }

            if (app.RootElement.TryGetProperty("arp_mac_to_ip", out var arp))
            {
                foreach (var pair in arp.EnumerateObject())
                {
                    var mac = DeviceTestKit.MacOf(pair.Name);
                    if (mac.IsMulticast || mac.Value == 0)
                    {
                        continue;
                    }
                    foreach (var ip in pair.Value.EnumerateArray().Select(static v => v.GetString()!).Where(static ip => ip != "0.0.0.0"))
                    {
                        if (!feeder.ArpSenders.Contains((mac, IpAddr.Parse(ip))))
                        {
                            arpSkipped.Add($"{name}: ARP {mac} {ip} not in a plain Ethernet frame here (SLL, tunnel or snapped)");
                            continue;
                        }
                        arps++;
                        if (!snapshot.Any(d => d.Mac == mac && d.Addresses.Any(a => a.Address == IpAddr.Parse(ip))))
                        {
                            failures.Add($"{name}: ARP sender {ip} not on {mac}");
                        }
                    }
                }
            }

            foreach (var device in snapshot)
            {
                if (device.IsRouter && device.Addresses.Any(static a => a.Source == AddressSource.Flow))
                {
                    failures.Add($"{name}: router {device.Mac} holds flow-learnt addresses");
                }
                if (device.Addresses.Any(static a => a.Source == AddressSource.Flow && !AddressScope.Default.IsInternal(a.Address)))
                {
                    failures.Add($"{name}: {device.Mac} holds an external address learnt from a flow");
                }
                var expectedVendor = ShippedSignatures.Registry.TryLookup(device.Mac, out var organization) ? organization : null;
                if (device.Organization != expectedVendor)
                {
                    failures.Add($"{name}: {device.Mac} vendor '{device.Organization}' is not the registry's '{expectedVendor}'");
                }
            }
            using var json = JsonDocument.Parse(DeviceInventoryFormatter.Format(snapshot, DeviceInventoryFormat.Json));
            Assert.Equal(snapshot.Count, json.RootElement.GetProperty("devices").GetArrayLength());
            _ = DeviceInventoryFormatter.Format(snapshot, DeviceInventoryFormat.Table);
            _ = DeviceInventoryFormatter.Format(snapshot, DeviceInventoryFormat.Csv);
        }

        output.WriteLine($"{captures} captures: {devices} devices ({routers} routers); checked {hostnames} hostnames, "
            + $"{vendorClasses} vendor classes, {acks} ACK addresses, {arps} ARP sender addresses");
        foreach (var line in skipped.Concat(arpSkipped))
        {
            output.WriteLine("  skipped " + line);
        }
        foreach (var line in failures)
        {
            output.WriteLine("  FAIL " + line);
        }
        Assert.True(hostnames > 20 && acks > 0 && arps > 20, "too few truth entries were checked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(50)));
        Assert.True(skipped.Count <= MaxSkippedEntries, $"{skipped.Count} DHCP truth entries skipped");
        Assert.True(arpSkipped.Count <= MaxSkippedEntries, $"{arpSkipped.Count} ARP truth entries skipped");
    }

    [Fact]
    public void Each_iot_sentinel_device_is_found_not_a_router_and_classified_with_evidence()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var rows = new List<(string Label, DeviceSnapshot Device)>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "pcaps"), "iotsentinel-*").Order(StringComparer.Ordinal))
        {
            var labelFile = Path.Combine(dir, "expected", "device.json");
            var summaryPath = Path.Combine(dir, "truth", "summary.json");
            if (!File.Exists(labelFile) || !File.Exists(summaryPath))
            {
                continue;
            }
            using var label = JsonDocument.Parse(File.ReadAllText(labelFile));
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var mac = DeviceTestKit.MacOf(label.RootElement.GetProperty("device_mac").GetString()!);
            var table = DeviceTestKit.NewTable();
            new CaptureDeviceFeeder(table, AddressScope.Default).Feed(Path.Combine(dir, summary.RootElement.GetProperty("file").GetString()!));
            var device = table.Snapshot().FirstOrDefault(d => d.Mac == mac);
            Assert.True(device is not null, $"{Path.GetFileName(dir)}: device {mac} not in the inventory");
            Assert.False(device.IsRouter, $"{Path.GetFileName(dir)}: device {mac} taken for a router: {string.Join("; ", device.Classification.Evidence.Select(static e => e.Value))}");
            rows.Add((label.RootElement.GetProperty("device_type").GetString()!, device));
        }
        foreach (var (label, device) in rows)
        {
            var evidence = string.Join("; ", device.Classification.Evidence.Where(e => e.Class == device.Class).Select(static e => $"{e.Kind}={e.Value}"));
            output.WriteLine($"    names: {DisplayText.Fit(string.Join(", ", device.Names.Select(static n => n.Value)), 100)}; mdns: {string.Join(",", device.MdnsServices)}; "
                + $"ssdp: {DisplayText.Fit(string.Join(",", device.SsdpTypes.Concat(device.SsdpServers)), 100)}; services: {string.Join(",", device.Services)}");
            output.WriteLine($"{label,-22} {device.Mac} {device.Organization ?? "-",-40} {device.Class.ToName(),-10} {device.Classification.Confidence:0.00}  {DisplayText.Fit(evidence, 120)}");
        }
        Assert.True(rows.Count >= 30, $"only {rows.Count} labelled captures");
        var cameras = rows.Where(static r => r.Label.Contains("Cam", StringComparison.Ordinal)).ToList();
        var asCamera = cameras.Count(static r => r.Device.Class is DeviceClass.Camera or DeviceClass.Nvr);
        output.WriteLine($"camera captures classified camera/nvr: {asCamera} of {cameras.Count}");
        Assert.True(rows.Where(static r => r.Label.StartsWith("D-LinkCam", StringComparison.Ordinal) || r.Label.StartsWith("D-LinkDayCam", StringComparison.Ordinal))
            .All(static r => r.Device.Class == DeviceClass.Camera), "the D-Link cameras announce camera model names");
    }
}
