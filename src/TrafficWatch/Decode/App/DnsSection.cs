namespace TrafficWatch.Decode.App;

/// <summary>The message section a resource record came from.</summary>
public enum DnsSection : byte
{
    Answer = 1,
    Authority = 2,
    Additional = 3,
}
