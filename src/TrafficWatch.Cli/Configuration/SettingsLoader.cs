namespace TrafficWatch.Cli.Configuration;

/// <summary>Loads settings for a command and applies command-line overrides; reports problems in one line.</summary>
internal static class SettingsLoader
{
    public static bool TryLoad(string? configPath, int? threads, out TrafficWatchSettings settings, string? influxUrl = null)
    {
        try
        {
            settings = TrafficWatchSettings.Load(configPath, s =>
            {
                if (threads is { } t)
                {
                    s.Pipeline.Threads = t;
                }
                if (influxUrl is not null)
                {
                    s.Influx.Url = influxUrl;
                }
            });
            return true;
        }
        catch (ConfigurationFileException ex)
        {
            System.Console.Error.WriteLine($"trafficwatch: configuration error: {ex.Message}");
            settings = null!;
            return false;
        }
    }
}
