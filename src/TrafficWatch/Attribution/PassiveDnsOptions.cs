namespace TrafficWatch.Attribution;

/// <summary>Bounds of the passive DNS table (configuration section <c>PassiveDns</c>).</summary>
public sealed class PassiveDnsOptions
{
    public const string Section = "PassiveDns";

    /// <summary>At most this many (client, address) answers are remembered; the oldest half is dropped when full.</summary>
    public int MaxEntries { get; set; } = 200_000;

    /// <summary>An answer is kept at least this long even when its TTL is shorter (devices cache beyond tiny TTLs).</summary>
    public int MinTtlSeconds { get; set; } = 300;

    /// <summary>And at most this long, whatever its TTL says.</summary>
    public int MaxTtlSeconds { get; set; } = 86_400;

    public void Validate()
    {
        if (MaxEntries < 16)
        {
            throw new ArgumentException($"{Section}.MaxEntries must be at least 16 (got {MaxEntries})");
        }
        if (MinTtlSeconds < 0 || MaxTtlSeconds < 1 || MinTtlSeconds > MaxTtlSeconds)
        {
            throw new ArgumentException($"{Section}: need 0 <= MinTtlSeconds <= MaxTtlSeconds and MaxTtlSeconds >= 1 (got {MinTtlSeconds}, {MaxTtlSeconds})");
        }
    }
}
