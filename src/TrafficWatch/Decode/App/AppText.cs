using System.Text;
using System.Text.Unicode;

namespace TrafficWatch.Decode.App;

/// <summary>Turns option bytes (DHCP hostnames, vendor classes) into strings, faithfully.</summary>
internal static class AppText
{
    /// <summary>
    /// Decodes <paramref name="bytes"/> after trimming trailing NULs (clients often send "nas1\0"; tshark shows
    /// "nas1"). Valid UTF-8 is decoded as UTF-8; anything else as Latin-1, one char per byte, so no byte is lost
    /// or replaced. Nothing else is changed: CR, LF, interior NULs, markup all stay for the consumer to escape.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] == 0)
        {
            end--;
        }
        var trimmed = bytes[..end];
        return Utf8.IsValid(trimmed) ? Encoding.UTF8.GetString(trimmed) : Encoding.Latin1.GetString(trimmed);
    }
}
