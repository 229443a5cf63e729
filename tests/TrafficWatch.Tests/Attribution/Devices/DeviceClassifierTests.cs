using TrafficWatch.Pipeline;
using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Devices;
using Xunit.Abstractions;
using static TrafficWatch.Tests.Attribution.Devices.DeviceTestKit;
using static TrafficWatch.Tests.Decode.App.AppWire;

namespace TrafficWatch.Tests.Attribution.Devices;

public sealed class DeviceClassifierTests(ITestOutputHelper output)
{
    private DeviceClassification ClassifyOnly(DeviceTable table, TrafficWatch.Decode.MacAddress mac, ushort vlan)
    {
        Assert.True(table.TryGet(mac, vlan, out var device));
        var result = table.Classify(device);
        foreach (var e in result.Evidence)
        {
            output.WriteLine($"{e.Kind} '{e.Value}' -> {e.Class.ToName()} {e.Weight} ({e.Rule})");
        }
        output.WriteLine($"=> {result.Class.ToName()} {result.Confidence}");
        return result;
    }

    [Fact]
    public void Nothing_known_is_unknown_with_no_confidence()
    {
        var table = NewTable();
        table.ObserveArp(LocalMac, 0, Ip("10.0.0.4"), At(0));

        var result = ClassifyOnly(table, LocalMac, 0);

        Assert.Equal(DeviceClass.Unknown, result.Class);
        Assert.Equal(0, result.Confidence);
        Assert.Empty(result.Evidence);
    }

    [Fact]
    public void A_camera_vendor_alone_is_a_weak_camera_with_vendor_evidence()
    {
        var table = NewTable();
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(0));

        var result = ClassifyOnly(table, HikvisionCam, 10);

        Assert.Equal(DeviceClass.Camera, result.Class);
        Assert.Equal(Math.Round(0.4 * (1 - 0.3 / 2), 3), result.Confidence);       // camera 0.4, nvr 0.3 as runner-up
        Assert.Equal((EvidenceKinds.Vendor, "Hangzhou Hikvision Digital Technology Co.,Ltd. (hikvision)"),
            (result.Evidence[0].Kind, result.Evidence[0].Value));
        Assert.StartsWith("vendors.yaml:", result.Evidence[0].Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Vendor_rtsp_and_an_onvif_announcement_together_make_a_confident_camera()
    {
        var table = NewTable();
        table.ObserveFlowStart(EspressifPlug, HikvisionCam, 10, Ip("10.10.0.8"), Ip("10.10.0.7"), 6, 554, true, true, At(0));
        table.ObserveServiceAnswered(HikvisionCam, 10, 6, 554, At(0));
        table.ObserveMdns(Dns(Concat(DnsHeader(0, 0x8400, 0, 1),
            Record(Name("_services", "_dns-sd", "_udp", "local"), 12, Name("_onvif", "_tcp", "local")))), HikvisionCam, 10, At(1));

        var result = ClassifyOnly(table, HikvisionCam, 10);

        Assert.Equal(DeviceClass.Camera, result.Class);
        var expected = 1 - (1 - 0.4) * (1 - 0.5) * (1 - 0.6);
        Assert.Equal(Math.Round(expected * (1 - 0.3 / 2), 3), result.Confidence);
        Assert.Equal([EvidenceKinds.Mdns, EvidenceKinds.Service, EvidenceKinds.Vendor],
            result.Evidence.Where(static e => e.Class == DeviceClass.Camera).Select(static e => e.Kind).Order());
        Assert.Contains(result.Evidence, static e => e.Value == "tcp/554 (rtsp)" && e.Rule.StartsWith("classes.yaml:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_port_contacted_but_never_answered_counts_half()
    {
        var table = NewTable();
        table.ObserveFlowStart(EspressifPlug, UnknownMac, 10, Ip("10.10.0.8"), Ip("10.10.0.9"), 6, 554, true, true, At(0));

        var result = ClassifyOnly(table, UnknownMac, 10);

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal((DeviceClass.Camera, 0.25), (evidence.Class, evidence.Weight));
        Assert.Contains("no answer seen", evidence.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Nvr_names_and_the_dahua_port_outweigh_the_camera_hint_of_the_vendor()
    {
        var table = NewTable();
        table.ObserveDhcp(Dhcp(Dhcp(Concat(Option(53, [1]), Option(12, Ascii("NVR-Lobby"))), mac: "04:03:12:aa:bb:01")),
            HikvisionCam, 10, At(0));
        table.ObserveServiceAnswered(HikvisionCam, 10, 6, 37777, At(1));

        var result = ClassifyOnly(table, HikvisionCam, 10);

        Assert.Equal(DeviceClass.Nvr, result.Class);
        Assert.Equal(DeviceClass.Nvr, result.Evidence[0].Class);
        Assert.Contains(result.Evidence, static e => e.Kind == EvidenceKinds.Name && e.Value == "NVR-Lobby");
    }

    [Fact]
    public void An_espressif_module_with_its_default_hostname_is_an_iot_sensor()
    {
        var table = NewTable();
        table.ObserveDhcp(Dhcp(Dhcp(Concat(Option(53, [1]), Option(12, Ascii("ESP_07AEFB"))), mac: "08:3a:8d:00:00:02")),
            EspressifPlug, 20, At(0));

        var result = ClassifyOnly(table, EspressifPlug, 20);

        Assert.Equal(DeviceClass.IotSensor, result.Class);
        Assert.True(result.Confidence > 0.6, $"confidence {result.Confidence}");
    }

    [Fact]
    public void A_windows_pc_is_office_from_vendor_class_and_name_whatever_its_nic_vendor()
    {
        var table = NewTable();
        table.ObserveDhcp(Dhcp(Dhcp(Concat(Option(53, [1]), Option(12, Ascii("DESKTOP-4F2K9QX")), Option(60, Ascii("MSFT 5.0"))),
            mac: "00:00:00:12:34:56")), UnknownMac, 30, At(0));

        var result = ClassifyOnly(table, UnknownMac, 30);

        Assert.Equal(DeviceClass.Office, result.Class);
        Assert.Equal(2, result.Evidence.Count);
        Assert.Equal(Math.Round(1 - (1 - 0.5) * (1 - 0.6), 3), result.Confidence);
    }

    [Fact]
    public void Router_evidence_makes_a_camera_vendor_mac_network()
    {
        var table = NewTable();
        table.ObserveFlowStart(HikvisionCam, EspressifPlug, 10, Ip("192.0.2.10"), Ip("10.10.0.8"), 6, 80, false, true, At(0));

        var result = ClassifyOnly(table, HikvisionCam, 10);

        Assert.Equal(DeviceClass.Network, result.Class);
        Assert.True(result.Confidence < 0.9, "a camera vendor hint lowers the confidence");
    }

    [Fact]
    public void One_rule_counts_once_however_many_values_match_it()
    {
        var table = NewTable();
        foreach (var name in new[] { "cam-north", "cam-south", "cctv-east" })
        {
            table.ObserveDhcp(Dhcp(Dhcp(Concat(Option(53, [1]), Option(12, Ascii(name))), mac: "00:00:00:12:34:56")), UnknownMac, 10, At(0));
        }

        var result = ClassifyOnly(table, UnknownMac, 10);

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal("cam-north", evidence.Value);
    }

    [Fact]
    public void Classification_is_deterministic_and_ties_go_to_the_earlier_class()
    {
        var tie = DeviceClassifier.Decide(
        [
            new ClassEvidence(EvidenceKinds.Name, "x", DeviceClass.Server, 0.5, "r1"),
            new ClassEvidence(EvidenceKinds.Name, "y", DeviceClass.Camera, 0.5, "r2"),
        ]);
        Assert.Equal(DeviceClass.Camera, tie.Class);
        Assert.Equal(["y", "x"], tie.Evidence.Select(static e => e.Value));

        var table = NewTable();
        table.ObserveFlowStart(EspressifPlug, HikvisionCam, 10, Ip("10.10.0.8"), Ip("10.10.0.7"), 6, 554, true, true, At(0));
        Assert.True(table.TryGet(HikvisionCam, 10, out var device));
        var classifier = new DeviceClassifier(Rules);
        Assert.Equal(classifier.Classify(device).Evidence, classifier.Classify(device).Evidence);
    }

    [Fact]
    public void The_shipped_classes_file_loads_and_signatures_check_stays_clean()
    {
        Assert.True(Rules.Rules.Count >= 40, $"only {Rules.Rules.Count} rules");
        Assert.Contains(Rules.Rules, static r => r.Section == ClassRuleSections.Services && r.Ports.Contains(((byte)6, (ushort)554)));
        var problems = SignatureCheck.Run(ShippedSignatures.Directory);
        foreach (var problem in problems)
        {
            output.WriteLine(problem.ToString());
        }
        Assert.False(SignatureCheck.HasErrors(problems));
    }

    [Fact]
    public void Signatures_check_reports_a_broken_classes_file_with_its_line()
    {
        using var dir = new TrafficWatch.Tests.Capture.TempDirectory();
        foreach (var file in Directory.GetFiles(ShippedSignatures.Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir.Path, Path.GetRelativePath(ShippedSignatures.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var classes = Path.Combine(dir.Path, ClassRules.FileName);
        var lines = File.ReadAllLines(classes);
        var broken = Array.FindIndex(lines, static l => l.Trim() == "class: camera");
        lines[broken] = lines[broken].Replace("camera", "kamera", StringComparison.Ordinal);
        File.WriteAllLines(classes, lines);

        var problems = SignatureCheck.Run(dir.Path);

        var problem = Assert.Single(problems, static p => p.Severity == ProblemSeverity.Error);
        Assert.Equal((classes, broken + 1), (problem.File, problem.Line));
        Assert.Contains("class must be one of", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schema: 1\nnames:\n  - match: 'cam'\n    class: kamera\n    weight: 0.5\n", 4, "class must be one of")]
    [InlineData("schema: 1\nnames:\n  - match: 'cam'\n    class: camera\n    weight: 1.5\n", 5, "weight must be a number above 0 and at most 1")]
    [InlineData("schema: 1\nnames:\n  - match: '(a)\\1'\n    class: camera\n    weight: 0.5\n", 3, "is not a usable regular expression")]
    [InlineData("schema: 1\nnames:\n  - match: '(unclosed'\n    class: camera\n    weight: 0.5\n", 3, "is not a usable regular expression")]
    [InlineData("schema: 1\nservices:\n  - name: rtsp\n    ports: [tcp/554, tpc/80]\n    class: camera\n    weight: 0.5\n", 4, "'tpc/80' is not a port")]
    [InlineData("schema: 1\nservices:\n  - name: rtsp\n    class: camera\n    weight: 0.5\n", 3, "'ports' is required")]
    [InlineData("schema: 1\nmdns:\n  - service: rtsp.tcp\n    class: camera\n    weight: 0.5\n", 3, "is not a DNS-SD service type")]
    [InlineData("schema: 1\nnames:\n  - match: cam\n    klass: camera\n", 4, "unknown key 'klass'")]
    [InlineData("schema: 1\nweights:\n  vendor: 0\n", 3, "weights: 'vendor' must be a number")]
    [InlineData("schema: 2\n", 1, "schema must be 1")]
    [InlineData("schema: 1\nnames: [\n", 3, "YAML syntax error")]
    [InlineData("schema: 1\ncolours: []\n", 2, "unknown key 'colours'")]
    public void Class_rule_errors_name_the_file_and_line(string yaml, int line, string message)
    {
        var ex = Assert.Throws<SignatureFormatException>(() => ClassRules.Parse(yaml, "classes.yaml"));

        output.WriteLine(ex.Message);
        Assert.StartsWith($"classes.yaml:{line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Every_error_of_a_broken_file_is_listed_with_its_line()
    {
        const string yaml = "schema: 1\nnames:\n  - match: 'a'\n    class: nope\n    weight: 0.5\n  - match: 'b'\n    class: camera\n    weight: 7\n";

        var ex = Assert.Throws<SignatureFormatException>(() => ClassRules.Parse(yaml, "classes.yaml"));

        Assert.Contains("classes.yaml:4: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("classes.yaml:8: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Patterns_run_in_linear_time_on_hostile_names()
    {
        var rules = ClassRules.Parse("schema: 1\nnames:\n  - match: '^(a+)+$'\n    class: camera\n    weight: 0.5\n", "classes.yaml");
        var hostile = new string('a', 5_000) + "!";

        var started = System.Diagnostics.Stopwatch.StartNew();
        var matched = rules.Rules[0].IsMatch(hostile);

        Assert.False(matched);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }
}
