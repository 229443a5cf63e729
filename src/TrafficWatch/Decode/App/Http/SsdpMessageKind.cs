namespace TrafficWatch.Decode.App.Http;

public enum SsdpMessageKind
{
    /// <summary><c>M-SEARCH * HTTP/1.1</c>: a control point searching (ST says for what).</summary>
    MSearch,
    /// <summary><c>NOTIFY * HTTP/1.1</c>: a device announcing itself (NT/NTS/USN/LOCATION/SERVER).</summary>
    Notify,
    /// <summary>Any other request method.</summary>
    OtherRequest,
    /// <summary><c>HTTP/1.1 200 OK</c>: a unicast answer to an M-SEARCH.</summary>
    Response,
}
