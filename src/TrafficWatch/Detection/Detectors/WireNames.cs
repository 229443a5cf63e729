using System.Net;

namespace TrafficWatch.Detection;

/// <summary>Helpers for destination names taken from the wire.</summary>
internal static class WireNames
{
    /// <summary>
    /// The best name the flow carries for its destination (DNS, then SNI, then HTTP Host), or null. Names that are
    /// just an address written out (<c>Host: 203.0.113.7:8080</c>) do not count: they are no name.
    /// </summary>
    public static string? Of(FlowFacts flow)
    {
        if (IsName(flow.Destination.Name))
        {
            return flow.Destination.Name;
        }
        var app = flow.App;
        if (app is null)
        {
            return null;
        }
        return IsName(app.DestName) ? app.DestName
            : IsName(app.Sni) ? app.Sni
            : IsName(app.HttpHost) ? app.HttpHost
            : null;
    }

    private static bool IsName(string? text)
        => !string.IsNullOrEmpty(text) && !IsAddressLiteral(text);

    /// <summary>True for "203.0.113.7", "203.0.113.7:80", "[2001:db8::1]:443", "2001:db8::1".</summary>
    public static bool IsAddressLiteral(ReadOnlySpan<char> text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            return close > 1 && IPAddress.TryParse(text[1..close], out _);
        }
        if (IPAddress.TryParse(text, out _))
        {
            return true;
        }
        var colon = text.LastIndexOf(':');
        return colon > 0 && text.IndexOf(':') == colon && IPAddress.TryParse(text[..colon], out _);
    }
}
