using System.Globalization;
using System.Text;

namespace TrafficWatch.Tests.Attribution;

/// <summary>
/// An independent reading of Debian's ieee-data CSV files (oui.csv, mam.csv, oui36.csv, iab.csv), used as the
/// oracle for the shipped compact file. Deliberately shares no code with the product.
/// </summary>
internal sealed class IeeeCsvRegistry
{
    public const string DefaultDirectory = "/usr/share/ieee-data";

    private static readonly (string File, int Bits)[] s_files = [("oui.csv", 24), ("mam.csv", 28), ("oui36.csv", 36), ("iab.csv", 36)];

    // (bits, prefix) -> every name the registry lists for it (a few 1980s MA-L prefixes are listed twice).
    private readonly Dictionary<(int Bits, ulong Prefix), List<string>> _blocks = new();

    private IeeeCsvRegistry()
    {
    }

    public IEnumerable<(int Bits, ulong Prefix, IReadOnlyList<string> Names)> Blocks
        => _blocks.Select(static b => (b.Key.Bits, b.Key.Prefix, (IReadOnlyList<string>)b.Value));

    public static IeeeCsvRegistry? TryLoad(string directory)
    {
        if (!s_files.All(f => File.Exists(Path.Combine(directory, f.File))))
        {
            return null;
        }
        var registry = new IeeeCsvRegistry();
        foreach (var (file, bits) in s_files)
        {
            var rows = ParseCsv(File.ReadAllText(Path.Combine(directory, file)));
            foreach (var row in rows.Skip(1))
            {
                if (row.Count < 3)
                {
                    continue;
                }
                var prefix = ulong.Parse(row[1].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                var key = (bits, prefix);
                if (!registry._blocks.TryGetValue(key, out var names))
                {
                    registry._blocks[key] = names = [];
                }
                names.Add(row[2].Trim());
            }
        }
        return registry;
    }

    /// <summary>Names of the longest block containing <paramref name="mac48"/>, or null when unregistered.</summary>
    public IReadOnlyList<string>? LongestMatch(ulong mac48)
    {
        foreach (var bits in (ReadOnlySpan<int>)[36, 28, 24])
        {
            if (_blocks.TryGetValue((bits, mac48 >> (48 - bits)), out var names))
            {
                return names;
            }
        }
        return null;
    }

    // RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
