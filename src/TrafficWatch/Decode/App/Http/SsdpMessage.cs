namespace TrafficWatch.Decode.App.Http;

/// <summary>The fields of an SSDP message that identify a UPnP/ONVIF device and its description URL.</summary>
public sealed class SsdpMessage : IAppMessage
{
    public required SsdpMessageKind Kind { get; init; }

    /// <summary>Request method ("M-SEARCH", "NOTIFY" ...), or null for a response.</summary>
    public string? Method { get; init; }

    /// <summary>Status code of a response (200), or 0 for a request.</summary>
    public int StatusCode { get; init; }

    /// <summary>Notification type (NOTIFY), e.g. <c>urn:schemas-upnp-org:device:MediaServer:1</c>.</summary>
    public string? Nt { get; internal set; }

    /// <summary>Notification sub type: <c>ssdp:alive</c>, <c>ssdp:byebye</c>, <c>ssdp:update</c>.</summary>
    public string? Nts { get; internal set; }

    /// <summary>Search target (M-SEARCH and responses).</summary>
    public string? St { get; internal set; }

    /// <summary>Unique service name, e.g. <c>uuid:...::urn:schemas-upnp-org:device:Basic:1</c>.</summary>
    public string? Usn { get; internal set; }

    /// <summary>SERVER header: OS/version UPnP/1.0 product/version.</summary>
    public string? Server { get; internal set; }

    /// <summary>LOCATION header: URL of the device description XML.</summary>
    public string? Location { get; internal set; }

    /// <summary>USER-AGENT header (M-SEARCH from control points).</summary>
    public string? UserAgent { get; internal set; }

    /// <summary>MAN header (<c>"ssdp:discover"</c> on M-SEARCH).</summary>
    public string? Man { get; internal set; }

    public int HeaderCount { get; internal set; }
}
