using TrafficWatch.Attribution;
using TrafficWatch.Detection.Policy;
using TrafficWatch.Tests.Capture;
using static TrafficWatch.Tests.Detection.Policy.Targets;

namespace TrafficWatch.Tests.Detection.Policy;

/// <summary>RFC 8520 MUD files become the policy of a device class.</summary>
public sealed class MudImporterTests
{
    private static string ExampleFile => Path.Combine(SignaturePaths.FindDefault(), "mud", "example-camera.json");

    private static MudPolicy ImportExample(out List<SignatureProblem> problems)
    {
        problems = [];
        var mud = MudImporter.Import(ExampleFile, "mud/example-camera.json", problems);
        Assert.NotNull(mud);
        return mud;
    }

    [Fact]
    public void The_example_MUD_file_becomes_allow_rules_for_device_initiated_traffic()
    {
        var mud = ImportExample(out var problems);
        Assert.Empty(problems);
        Assert.Equal("https://mud.example.com/cameras/example-cam-4k.json", mud.MudUrl);
        Assert.Empty(mud.Deny);
        Assert.Equal(5, mud.Allow.Count);                                   // 4 IPv4 + 1 IPv6; the to-device list is not imported

        var local = mud.Allow[0];
        Assert.Equal(SelectorKind.Internal, Assert.Single(local.Destinations).Kind);
        Assert.Empty(local.Ports);

        var firmware = mud.Allow[1];
        var domain = Assert.Single(firmware.Destinations).Domain!;
        Assert.Equal("firmware.example.com", domain.Domain);
        Assert.False(domain.Subdomains);                                    // dst-dnsname is one host name
        Assert.Equal(new PortRange(PortRange.Tcp, 443, 443), Assert.Single(firmware.Ports));

        var ntp = mud.Allow[2];
        Assert.Equal("192.0.2.123/32", Assert.Single(ntp.Destinations).Network.ToString());
        Assert.Equal(new PortRange(PortRange.Udp, 123, 123), Assert.Single(ntp.Ports));

        Assert.Equal(new PortRange(PortRange.Tcp, 554, 555), Assert.Single(mud.Allow[3].Ports));
    }

    [Fact]
    public void MUD_rules_point_at_the_line_of_their_ace()
    {
        var mud = ImportExample(out _);
        var lines = File.ReadAllLines(ExampleFile);
        foreach (var rule in mud.Allow)
        {
            Assert.Equal("mud/example-camera.json", rule.File);
            Assert.StartsWith($"mud/example-camera.json:{rule.Line}: ace '", rule.Source, StringComparison.Ordinal);
            var name = rule.Source.Split('\'')[1];
            Assert.Contains($"\"name\": \"{name}\"", lines[rule.Line], StringComparison.Ordinal);   // the ace's first key follows its '{'
        }
        Assert.Equal("mud/example-camera.json:" + mud.Allow[1].Line + ": ace 'fw0-frdev': accept tcp/443 to firmware.example.com", mud.Allow[1].Source);
    }

    [Fact]
    public void A_class_with_a_MUD_file_denies_what_the_file_does_not_allow()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "mud"));
        File.Copy(ExampleFile, Path.Combine(temp.Path, "mud", "example-camera.json"));
        const string yaml = """
            schema: 1
            classes:
              camera:
                mud: mud/example-camera.json
            """;
        var policy = PolicyText.LoadClean(yaml, temp.Path);
        var scope = policy.ForClass(DeviceClass.Camera)!;
        Assert.Equal(ScopeDefault.Deny, scope.DefaultAction);
        Assert.Equal("mud/example-camera.json", scope.Mud);

        Assert.Equal(PolicyAction.Allow, policy.Evaluate(Camera(), To("93.184.216.34", 443, name: "firmware.example.com"), Noon).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Camera(), To("93.184.216.34", 80, name: "firmware.example.com"), Noon).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Camera(), To("93.184.216.34", 443, name: "updates.firmware.example.com"), Noon).Action);
        Assert.Equal(PolicyAction.Allow, policy.Evaluate(Camera(), To("192.0.2.123", 123, PortRange.Udp), Noon).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Camera(), To("192.0.2.124", 123, PortRange.Udp), Noon).Action);
        Assert.Equal(PolicyAction.Allow, policy.Evaluate(Camera(), To("198.51.100.9", 555), Noon).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Camera(), To("198.51.100.9", 556), Noon).Action);
        Assert.Equal(PolicyAction.Allow, policy.Evaluate(Camera(), To("10.10.0.10", 554), Noon).Action);

        var denied = policy.Evaluate(Camera(), To("8.8.8.8"), Noon);
        Assert.Equal($"policy.yaml:4: mud: mud/example-camera.json", denied.PolicyLine);
        Assert.StartsWith("cameras may only talk to internal addresses, firmware.example.com on tcp/443", denied.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_MUD_file_is_an_error_on_the_mud_line()
    {
        using var temp = new TempDirectory();
        PolicyText.Load("schema: 1\nclasses:\n  camera:\n    action: deny\n    mud: mud/nope.json\n", out var problems, temp.Path);
        var only = Assert.Single(problems);
        Assert.Equal(5, only.Line);
        Assert.Contains("MUD file 'mud/nope.json' not found", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolvable_and_unsupported_matches_are_skipped_with_warnings()
    {
        const string json = """
            {
              "ietf-mud:mud": {
                "mud-version": 1,
                "mud-url": "https://mud.example.com/sensor.json",
                "from-device-policy": { "access-lists": { "access-list": [ { "name": "fr" } ] } }
              },
              "ietf-access-control-list:acls": {
                "acl": [
                  {
                    "name": "fr",
                    "aces": {
                      "ace": [
                        {
                          "name": "ctl",
                          "matches": { "ietf-mud:mud": { "controller": "urn:ietf:params:mud:dns" } },
                          "actions": { "forwarding": "accept" }
                        },
                        {
                          "name": "eth",
                          "matches": { "eth": { "ethertype": 2054 } },
                          "actions": { "forwarding": "accept" }
                        },
                        {
                          "name": "replies",
                          "matches": { "tcp": { "ietf-mud:direction-initiated": "to-device" } },
                          "actions": { "forwarding": "accept" }
                        },
                        {
                          "name": "block-telnet",
                          "matches": { "tcp": { "destination-port": { "operator": "eq", "port": 23 } } },
                          "actions": { "forwarding": "drop" }
                        }
                      ]
                    }
                  }
                ]
              }
            }
            """;
        var problems = new List<SignatureProblem>();
        var mud = MudImporter.Parse(json, "sensor.json", "mud/sensor.json", problems);
        Assert.NotNull(mud);
        Assert.Empty(mud.Allow);
        var deny = Assert.Single(mud.Deny);
        Assert.Equal(new PortRange(PortRange.Tcp, 23, 23), Assert.Single(deny.Ports));
        Assert.Empty(deny.Destinations);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, static p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Equal(15, problems[0].Line);
        Assert.Contains("'controller' cannot be resolved by passive monitoring", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(20, problems[1].Line);
        Assert.Contains("'eth' matches are not supported", problems[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"name\": 1 }", 1, "not a MUD file")]
    [InlineData("{\n  \"ietf-mud:mud\": { \"mud-version\": 1 }\n}", 2, "no from-device-policy")]
    [InlineData("{\n  \"ietf-mud:mud\": {\n    \"from-device-policy\": { \"access-lists\": { \"access-list\": [ { \"name\": \"missing\" } ] } }\n  }\n}", 3, "names access list 'missing'")]
    public void Files_that_are_not_usable_MUD_are_errors(string json, int line, string message)
    {
        var problems = new List<SignatureProblem>();
        Assert.Null(MudImporter.Parse(json, "bad.json", "mud/bad.json", problems));
        var error = Assert.Single(problems);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compact_and_tab_indented_JSON_import_the_same_rules(bool tabs)
    {
        var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(ExampleFile));
        var json = tabs
            ? System.Text.Json.JsonSerializer.Serialize(document.RootElement, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1 })
            : System.Text.Json.JsonSerializer.Serialize(document.RootElement);
        var problems = new List<SignatureProblem>();
        var mud = MudImporter.Parse(json, "camera.json", "mud/camera.json", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotNull(mud);
        Assert.Equal(ImportExample(out _).Allow.Select(static r => r.Source[(r.Source.IndexOf(": ", StringComparison.Ordinal) + 2)..]),
            mud.Allow.Select(static r => r.Source[(r.Source.IndexOf(": ", StringComparison.Ordinal) + 2)..]));
    }
}
