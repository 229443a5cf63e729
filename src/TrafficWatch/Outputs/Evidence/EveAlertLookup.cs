using System.Globalization;
using System.Text.Json;
using TrafficWatch.Decode;

namespace TrafficWatch.Outputs.Evidence;

/// <summary>
/// Finds one alert in an EVE JSON file (one event per line) by its deterministic id: the first event with
/// <c>event_type</c> <c>alert</c> and <c>alert.id</c> equal to the id. Lines that are not JSON objects are skipped.
/// </summary>
public static class EveAlertLookup
{
    /// <summary>The alert, or null when the file has no alert with that id.</summary>
    /// <exception cref="EvidenceException">The file cannot be read (<see cref="EvidenceFailure.AlertNotFound"/>).</exception>
    public static EveAlertReference? Find(string evePath, long alertId)
    {
        ArgumentNullException.ThrowIfNull(evePath);
        try
        {
            using var reader = new StreamReader(evePath);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (!line.Contains("\"alert\"", StringComparison.Ordinal))
                {
                    continue;                                     // cheap pre-filter: flow, dns, stats ... events
                }
                var found = TryParse(line, alertId);
                if (found is not null)
                {
                    return found;
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceException(EvidenceFailure.AlertNotFound, $"cannot read EVE file {evePath}: {ex.Message}", ex);
        }
    }

    /// <summary>Parses one EVE line; the alert reference when it is the alert with id <paramref name="alertId"/>.</summary>
    public static EveAlertReference? TryParse(string line, long alertId)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("event_type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "alert"
                || !root.TryGetProperty("alert", out var alert) || alert.ValueKind != JsonValueKind.Object
                || ReadInt64(alert, "id") != alertId)
            {
                return null;
            }
            MacAddress? mac = null;
            if (root.TryGetProperty("device", out var device) && device.ValueKind == JsonValueKind.Object
                && device.TryGetProperty("mac", out var macText) && macText.ValueKind == JsonValueKind.String
                && MacAddress.TryParse(macText.GetString(), out var parsed))
            {
                mac = parsed;
            }
            return new EveAlertReference
            {
                AlertId = alertId,
                Signature = alert.TryGetProperty("signature", out var sig) && sig.ValueKind == JsonValueKind.String ? sig.GetString() : null,
                FlowId = ReadInt64(root, "flow_id"),
                DeviceMac = mac,
                FirstSeen = ReadTime(root, "first_seen"),
                LastSeen = ReadTime(root, "last_seen"),
            };
        }
    }

    /// <summary>Parses an EVE time string (<c>2025-06-02T08:00:00.123456+0000</c>; also ISO-8601 with a colon in the offset).</summary>
    public static bool TryParseEveTime(string? text, out PacketTime time)
    {
        time = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var s = text;
        if (s.Length > 5 && (s[^5] == '+' || s[^5] == '-') && char.IsAsciiDigit(s[^4]) && char.IsAsciiDigit(s[^1]))
        {
            s = string.Concat(s.AsSpan(0, s.Length - 2), ":", s.AsSpan(s.Length - 2));   // +0000 -> +00:00
        }
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
        {
            return false;
        }
        time = new PacketTime((dto.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100);
        return true;
    }

    private static PacketTime? ReadTime(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && TryParseEveTime(v.GetString(), out var t) ? t : null;

    private static long? ReadInt64(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }
}
