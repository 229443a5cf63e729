using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace TrafficWatch.Tests.Simulation.GeoDatabase;

/// <summary>
/// One canonical text for a decoded MMDB value (what MaxMind.Db's reader returns) or a JSON element, so records can
/// be compared across readers and sources: maps with sorted keys, integers as integers, reals in round-trip form.
/// </summary>
public static class MmdbCanonical
{
    public static string Of(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    public static string Of(JsonElement element)
    {
        var sb = new StringBuilder();
        Append(sb, element);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                sb.Append(JsonSerializer.Serialize(s));
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case byte[] bytes:
                sb.Append("0x").Append(Convert.ToHexString(bytes));
                break;
            case double d:
                sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float f:
                sb.Append(((double)f).ToString("R", CultureInfo.InvariantCulture));
                break;
            case BigInteger big:
                sb.Append(big.ToString(CultureInfo.InvariantCulture));
                break;
            case UInt128 u128:
                sb.Append(u128.ToString(CultureInfo.InvariantCulture));
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IDictionary map:
                var keys = map.Keys.Cast<string>().OrderBy(static k => k, StringComparer.Ordinal).ToList();
                sb.Append('{');
                for (var i = 0; i < keys.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ",").Append(JsonSerializer.Serialize(keys[i])).Append(':');
                    Append(sb, map[keys[i]]);
                }
                sb.Append('}');
                break;
            case IEnumerable items:
                sb.Append('[');
                var first = true;
                foreach (var item in items)
                {
                    sb.Append(first ? string.Empty : ",");
                    first = false;
                    Append(sb, item);
                }
                sb.Append(']');
                break;
            default:
                throw new InvalidOperationException($"Unexpected decoded type {value.GetType()}");
        }
    }

    private static void Append(StringBuilder sb, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(static p => p.Name, StringComparer.Ordinal))
                {
                    sb.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    first = false;
                    Append(sb, property.Value);
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    sb.Append(firstItem ? string.Empty : ",");
                    firstItem = false;
                    Append(sb, item);
                }
                sb.Append(']');
                break;
            case JsonValueKind.String:
                sb.Append(JsonSerializer.Serialize(element.GetString()));
                break;
            case JsonValueKind.Number:
                sb.Append(element.TryGetUInt64(out var u) ? u.ToString(CultureInfo.InvariantCulture)
                    : element.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture)
                    : element.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }
}
