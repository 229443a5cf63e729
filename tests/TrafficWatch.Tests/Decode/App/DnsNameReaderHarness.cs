using TrafficWatch.Decode.App;

namespace TrafficWatch.Tests.Decode.App;

/// <summary>Reads one name through the internal <c>DnsNameReader</c>.</summary>
internal static class DnsNameReaderHarness
{
    public static DnsParseError Read(byte[] message, int offset, out string name)
        => DnsNameReader.Read(message, offset, allowPointers: true, out name, out _);
}
