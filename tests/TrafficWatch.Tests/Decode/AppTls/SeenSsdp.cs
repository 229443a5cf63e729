using TrafficWatch.Decode.App.Http;

namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>An SSDP datagram the scan parsed.</summary>
internal sealed record SeenSsdp(int Frame, Direction Direction, SsdpParseStatus Status, SsdpMessage Message);
