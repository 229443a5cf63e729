namespace TrafficWatch.Cli.Configuration;

/// <summary>Loads settings for a command and applies command-line overrides; reports problems in one line.</summary>
internal static class SettingsLoader
{
    public static bool TryLoad(string? configPath, int? threads, out TrafficWatchSettings settings)
    {
        try
        {
            settings = TrafficWatchSettings.Load(configPath);
            if (threads is { } t)
            {
                if (t is not (1 or 2))
                {
                    throw new ConfigurationFileException("--threads", null, "must be 1 or 2");
                }
                settings.Pipeline.Threads = t;
            }
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
