namespace TrafficWatch.Detection;

/// <summary>Validation helper shared by the detector options classes.</summary>
internal static class OptionChecks
{
    public static void Require(bool ok, string section, string what)
    {
        if (!ok)
        {
            throw new ArgumentException($"{section}: {what}");
        }
    }

    public static void RequirePorts(IEnumerable<int> ports, string section, string name)
    {
        foreach (var port in ports)
        {
            Require(port is >= 0 and <= 65_535, section, $"{name} must hold port numbers 0-65535 (got {port})");
        }
    }
}
