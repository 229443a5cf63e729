using Microsoft.Extensions.Configuration;
using TrafficWatch.Capture;
using TrafficWatch.Cli.Configuration;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Metrics;
using TrafficWatch.Pipeline;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Deploy;

public sealed class ComposeFileTests(ITestOutputHelper output)
{
    private static readonly string[] s_services = ["geoipupdate", "grafana", "influxdb", "mailpit", "replay", "trafficwatch"];

    [Fact]
    public void Debians_docker_compose_validates_the_file_offline()
    {
        if (!TryFindDockerCompose(out var dockerCompose))
        {
            return;
        }
        var compose = ComposeFile.Load();
        var env = SecretsSet(compose);
        var config = RunCompose(dockerCompose, compose, env, "config", "-q");
        Assert.True(config.ExitCode == 0, config.ToString());
        var services = RunCompose(dockerCompose, compose, env, "--profile", "replay", "--profile", "geoip", "config", "--services");
        Assert.True(services.ExitCode == 0, services.ToString());
        Assert.Equal(s_services, services.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Docker_compose_refuses_to_run_until_the_secrets_are_set()
    {
        if (!TryFindDockerCompose(out var dockerCompose))
        {
            return;
        }
        var compose = ComposeFile.Load();
        Assert.Contains("INFLUXDB_ADMIN_TOKEN", compose.RequiredVariables);
        var env = SecretsSet(compose);
        env["INFLUXDB_ADMIN_TOKEN"] = null;
        var result = RunCompose(dockerCompose, compose, env, "config", "-q");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("set INFLUXDB_ADMIN_TOKEN in .env", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_host_path_the_compose_file_mounts_or_builds_exists_in_the_repository()
    {
        var compose = ComposeFile.Load();
        var checkedPaths = new List<string>();
        foreach (var (name, service) in compose.Services)
        {
            foreach (var source in ComposeFile.BindSources(service))
            {
                Assert.False(source.StartsWith('/') || source.StartsWith('~'), $"{name} mounts {source}: host paths must be relative to the repository");
                var full = Path.GetFullPath(Path.Combine(compose.Repository, source));
                Assert.True(File.Exists(full) || Directory.Exists(full), $"{name} mounts {source}, which does not exist in the repository");
                Assert.StartsWith(compose.Repository, full, StringComparison.Ordinal);
                checkedPaths.Add(source);
            }
            if (ComposeFile.Mapping(service, "build") is { } build)
            {
                var context = Path.Combine(compose.Repository, ComposeFile.Scalar(build, "context") ?? ".");
                Assert.True(Directory.Exists(context), $"{name}: build context missing");
                Assert.True(File.Exists(Path.Combine(context, ComposeFile.Scalar(build, "dockerfile") ?? "Dockerfile")), $"{name}: Dockerfile missing");
            }
        }
        foreach (var expected in new[] { "./grafana/provisioning", "./grafana/dashboards", "./deploy/influxdb/init", "./signatures", "./pcaps", "./deploy/trafficwatch/trafficwatch.yaml" })
        {
            Assert.Contains(expected, checkedPaths);
        }
    }

    [Fact]
    public void Env_example_lists_every_variable_the_compose_file_uses_and_commits_no_secret()
    {
        var compose = ComposeFile.Load();
        var example = ReadEnvExample(compose.Repository);
        var missing = compose.Variables.Where(v => !example.ContainsKey(v)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, ".env.example lacks " + string.Join(", ", missing));
        var unused = example.Keys.Where(k => !compose.Variables.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(unused.Length == 0, ".env.example lists variables docker-compose.yml does not use: " + string.Join(", ", unused));
        foreach (var (key, value) in example)
        {
            if (IsSecret(key))
            {
                Assert.True(value.Length == 0, $".env.example must not hold a value for the secret {key}");
            }
        }
        Assert.All(compose.RequiredVariables, v => Assert.True(IsSecret(v), $"{v} is required but not a secret: give it a default"));
    }

    [Fact]
    public void The_sensor_runs_on_the_host_network_with_only_NET_RAW_and_NET_ADMIN_as_a_non_root_user()
    {
        var compose = ComposeFile.Load();
        var sensor = compose.Services["trafficwatch"];
        Assert.Equal("host", ComposeFile.Scalar(sensor, "network_mode"));
        Assert.Equal(["ALL"], ComposeFile.Strings(sensor, "cap_drop"));
        Assert.Equal(["NET_ADMIN", "NET_RAW"], ComposeFile.Strings(sensor, "cap_add").Order(StringComparer.Ordinal));
        Assert.Null(ComposeFile.Scalar(sensor, "privileged"));
        Assert.Null(ComposeFile.Scalar(sensor, "user"));           // the image's non-root user
        Assert.Contains("capture", ComposeFile.Strings(sensor, "command"));
        var volumes = ((YamlDotNet.RepresentationModel.YamlSequenceNode)sensor.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("volumes")])
            .Children.Select(v => v.ToString()).ToArray();
        Assert.Contains(volumes, v => v.StartsWith("trafficwatch-spool:", StringComparison.Ordinal));
        Assert.Contains(volumes, v => v.StartsWith("geoip:", StringComparison.Ordinal) && v.EndsWith(":ro", StringComparison.Ordinal));

        var dockerfile = File.ReadAllLines(Path.Combine(compose.Repository, "Dockerfile"));
        Assert.True(dockerfile.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2, "multi-stage build expected");
        var user = dockerfile.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
        Assert.NotEqual("USER 0", user.Trim());
        var text = string.Join('\n', dockerfile);
        Assert.Contains("libpcap", text, StringComparison.Ordinal);
        Assert.Contains("setcap cap_net_raw,cap_net_admin=eip /app/trafficwatch", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_and_geoip_are_optional_profiles_and_replay_reads_the_mounted_pcaps_folder()
    {
        var compose = ComposeFile.Load();
        var replay = compose.Services["replay"];
        Assert.Equal(["replay"], ComposeFile.Strings(replay, "profiles"));
        Assert.Equal(["/app/trafficwatch", "replay"], ComposeFile.Strings(replay, "entrypoint").Take(2));
        Assert.Equal(["/pcaps"], ComposeFile.Strings(replay, "command"));
        Assert.Contains("./pcaps:/pcaps:ro", ComposeFile.Strings(replay, "volumes"));
        Assert.Equal("http://influxdb:8086", ComposeFile.Environment(replay)["TRAFFICWATCH_Influx__Url"]);

        var geoip = compose.Services["geoipupdate"];
        Assert.Equal(["geoip"], ComposeFile.Strings(geoip, "profiles"));
        Assert.StartsWith("ghcr.io/maxmind/geoipupdate:", ComposeFile.Scalar(geoip, "image"), StringComparison.Ordinal);
        var env = ComposeFile.Environment(geoip);
        Assert.Contains("GEOIPUPDATE_ACCOUNT_ID", env.Keys);
        Assert.Contains("GEOIPUPDATE_LICENSE_KEY", env.Keys);
        Assert.Contains("geoip:/usr/share/GeoIP", ComposeFile.Strings(geoip, "volumes"));
        Assert.All(compose.Services.Where(s => s.Key is not "replay" and not "geoipupdate"), s => Assert.Empty(ComposeFile.Strings(s.Value, "profiles")));
    }

    [Fact]
    public void The_TRAFFICWATCH_variables_of_the_compose_file_bind_to_real_settings_that_validate()
    {
        var compose = ComposeFile.Load();
        foreach (var name in new[] { "trafficwatch", "replay" })
        {
            var values = ComposeFile.Environment(compose.Services[name])
                .Where(kv => kv.Key.StartsWith("TRAFFICWATCH_", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key["TRAFFICWATCH_".Length..].Replace("__", ":", StringComparison.Ordinal), kv => (string?)ComposeFile.WithDefaults(kv.Value), StringComparer.OrdinalIgnoreCase);
            Assert.True(values.Count >= 5, $"{name}: {values.Count} TRAFFICWATCH_ settings");
            var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            var sections = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
            {
                [InfluxOptions.Section] = new InfluxOptions(),
                [MetricsOptions.Section] = new MetricsOptions(),
                [FlowTableOptions.Section] = new FlowTableOptions(),
                [PipelineOptions.Section] = new PipelineOptions(),
                [CaptureOptions.Section] = new CaptureOptions(),
            };
            foreach (var key in values.Keys)
            {
                Assert.True(sections.ContainsKey(key.Split(':')[0]), $"{name}: {key} is not in a TrafficWatch settings section");
            }
            foreach (var (section, target) in sections)
            {
                config.GetSection(section).Bind(target, o => o.ErrorOnUnknownConfiguration = true);
            }
            var influx = (InfluxOptions)sections[InfluxOptions.Section];
            Assert.Empty(influx.Validate());
            Assert.Equal(InfluxProtocol.V1, InfluxProtocolDetector.Choose("v2.7.10", influx));   // the DBRP + v1 user path
            Assert.Equal("trafficwatch", influx.Database);
            Assert.Equal(10, ((MetricsOptions)sections[MetricsOptions.Section]).IntervalSeconds);
        }
    }

    [Fact]
    public void The_mounted_sensor_configuration_loads_as_TrafficWatch_settings()
    {
        var compose = ComposeFile.Load();
        var path = Path.Combine(compose.Repository, "deploy", "trafficwatch", "trafficwatch.yaml");
        var settings = TrafficWatchSettings.Load(path);
        Assert.Equal(2, settings.Pipeline.Threads);
        Assert.True(settings.Capture.Promiscuous);
    }

    [Fact]
    public void The_InfluxDB_init_script_is_valid_bash_and_gets_every_variable_it_requires()
    {
        var compose = ComposeFile.Load();
        var script = Path.Combine(compose.Repository, "deploy", "influxdb", "init", "10-trafficwatch.sh");
        var text = File.ReadAllText(script);
        Assert.Contains("influx v1 dbrp create", text, StringComparison.Ordinal);
        Assert.Contains("--read-bucket", text, StringComparison.Ordinal);
        Assert.Contains("--write-bucket", text, StringComparison.Ordinal);

        var provided = ComposeFile.Environment(compose.Services["influxdb"]).Keys.ToHashSet(StringComparer.Ordinal);
        provided.Add("DOCKER_INFLUXDB_INIT_BUCKET_ID");         // set by the influxdb image during setup
        var required = System.Text.RegularExpressions.Regex.Matches(text, @"\$\{(\w+):\?").Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(required);
        Assert.All(required, v => Assert.Contains(v, provided));

        var bash = ToolProcess.Find("bash");
        if (bash is null)
        {
            SharedTestData.Missing(output, "bash is not installed", out _);
            return;
        }
        var syntax = ToolProcess.Run(bash, compose.Repository, new Dictionary<string, string?>(), "-n", script);
        Assert.True(syntax.ExitCode == 0, syntax.ToString());
    }

    [Fact]
    public void The_Dockerfile_copies_only_files_that_exist_and_the_build_context_keeps()
    {
        var compose = ComposeFile.Load();
        var ignored = File.ReadAllLines(Path.Combine(compose.Repository, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#').ToHashSet(StringComparer.Ordinal);
        var copies = 0;
        foreach (var line in File.ReadAllLines(Path.Combine(compose.Repository, "Dockerfile")))
        {
            if (!line.StartsWith("COPY ", StringComparison.Ordinal) || line.Contains("--from=", StringComparison.Ordinal))
            {
                continue;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[1..^1])
            {
                copies++;
                var full = Path.Combine(compose.Repository, source);
                Assert.True(File.Exists(full) || Directory.Exists(full), $"Dockerfile copies {source}, which does not exist");
                Assert.DoesNotContain(source.TrimEnd('/') + "/", ignored);
                Assert.DoesNotContain(source, ignored);
            }
        }
        Assert.True(copies >= 5, $"{copies} COPY sources");
    }

    private bool TryFindDockerCompose(out string path)
    {
        path = ToolProcess.Find("docker-compose") ?? string.Empty;
        if (path.Length > 0)
        {
            return true;
        }
        SharedTestData.Missing(output, "docker-compose is not installed (Debian: apt-get install docker-compose; .ci/run installs it)", out _);
        return false;
    }

    /// <summary>Runs docker-compose on the repository's file with an empty env file, so a developer's .env never matters.</summary>
    private static ToolProcess.Result RunCompose(string dockerCompose, ComposeFile compose, Dictionary<string, string?> env, params string[] args)
    {
        var emptyEnvFile = Path.Combine(Metrics.MetricTestData.TempDirectory(), "empty.env");
        File.WriteAllText(emptyEnvFile, string.Empty);
        string[] prefix = ["--env-file", emptyEnvFile, "-f", compose.Path, "--project-directory", compose.Repository];
        return ToolProcess.Run(dockerCompose, compose.Repository, env, [.. prefix, .. args]);
    }

    /// <summary>Dummy values for the required secrets, and every other variable of the file unset (its default applies).</summary>
    private static Dictionary<string, string?> SecretsSet(ComposeFile compose)
    {
        var env = compose.Variables.ToDictionary(v => v, _ => (string?)null, StringComparer.Ordinal);
        foreach (var secret in compose.RequiredVariables)
        {
            env[secret] = "test-only-" + secret.ToLowerInvariant();
        }
        return env;
    }

    private static Dictionary<string, string> ReadEnvExample(string repository)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(Path.Combine(repository, ".env.example")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0, $".env.example: '{line}' is not KEY=VALUE");
            Assert.True(result.TryAdd(line[..eq], line[(eq + 1)..]), $".env.example lists {line[..eq]} twice");
        }
        return result;
    }

    private static bool IsSecret(string name) =>
        name.Contains("PASSWORD", StringComparison.Ordinal) || name.Contains("TOKEN", StringComparison.Ordinal)
        || name.Contains("LICENSE_KEY", StringComparison.Ordinal) || name.Contains("ACCOUNT_ID", StringComparison.Ordinal);
}
