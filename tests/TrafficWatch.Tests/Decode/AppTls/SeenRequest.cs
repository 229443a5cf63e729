using TrafficWatch.Decode.App.Http;

namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>An HTTP request head the scan parsed, at the frame where it completed (or where it stopped).</summary>
internal sealed record SeenRequest(int Frame, Direction Direction, HttpParseStatus Status, HttpRequest Request);
