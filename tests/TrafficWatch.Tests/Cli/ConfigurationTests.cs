using TrafficWatch.Cli.Configuration;

namespace TrafficWatch.Tests.Cli;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tw-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "trafficwatch.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void No_file_gives_the_embedded_defaults()
    {
        var settings = TrafficWatchSettings.Load(null);

        Assert.Equal(600, settings.Flows.TcpEstablishedTimeout);
        Assert.Equal(2, settings.Pipeline.Threads);
    }

    [Fact]
    public void Yaml_values_override_the_defaults()
    {
        var settings = TrafficWatchSettings.Load(Write("Flows:\n  UdpNewTimeout: 45\n  MaxFlows: 5000\nPipeline:\n  Threads: 1\n"));

        Assert.Equal(45, settings.Flows.UdpNewTimeout);
        Assert.Equal(5000, settings.Flows.MaxFlows);
        Assert.Equal(1, settings.Pipeline.Threads);
    }

    [Fact]
    public void A_yaml_syntax_error_names_the_file_and_line()
    {
        var path = Write("Flows:\n  UdpNewTimeout: 45\n   bad: [unclosed\n");

        var ex = Assert.Throws<ConfigurationFileException>(() => TrafficWatchSettings.Load(path));

        Assert.StartsWith(path + ":", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_reported_with_its_section()
    {
        var ex = Assert.Throws<ConfigurationFileException>(() => TrafficWatchSettings.Load(Write("Flows:\n  UdpTimeoutTypo: 45\n")));

        Assert.Contains("Flows", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UdpTimeoutTypo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported()
    {
        var ex = Assert.Throws<ConfigurationFileException>(() => TrafficWatchSettings.Load(Write("Flows:\n  UdpNewTimeout: soon\n")));

        Assert.Contains("UdpNewTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_value_is_reported()
    {
        var ex = Assert.Throws<ConfigurationFileException>(() => TrafficWatchSettings.Load(Write("Pipeline:\n  Threads: 7\n")));

        Assert.Contains("Threads", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported_by_name()
    {
        var path = Path.Combine(_dir, "nope.yaml");

        var ex = Assert.Throws<ConfigurationFileException>(() => TrafficWatchSettings.Load(path));

        Assert.Equal($"{path}: file not found", ex.Message);
    }
}
