using System.Diagnostics.CodeAnalysis;
using System.Net;
using TrafficWatch.Decode;

namespace TrafficWatch.Attribution.Assets;

/// <summary>
/// The council's asset register: a CSV that labels devices. Devices whose MAC (or, for rows without a MAC, whose
/// address) is listed are <c>registered</c>; every other device seen is unregistered.
/// </summary>
/// <remarks>
/// Format (RFC 4180 with two additions), UTF-8 with or without a BOM:
/// <list type="bullet">
/// <item>The first record is the header. Columns, in any order, case-insensitive: <c>mac</c>, <c>ip</c>,
/// <c>name</c>, <c>zone</c>, <c>site</c>, <c>owner</c>, <c>notes</c>. <c>mac</c> or <c>ip</c> must be present;
/// any other column name is an error (so a typo is not silently ignored).</item>
/// <item>Fields may be quoted (<c>"a, b"</c>, <c>""</c> for a quote, line breaks allowed inside quotes);
/// unquoted fields are trimmed.</item>
/// <item>Addition 1: a line whose first non-blank character is <c>#</c> is a comment. Addition 2: blank lines are
/// skipped. (A <c>#</c> inside a field is ordinary text.)</item>
/// <item>Every row has exactly as many fields as the header. A row needs a MAC (<c>00:11:22:33:44:55</c>,
/// <c>00-11-...</c> or <c>0011.2233.4455</c>) or an IP. A row with a MAC matches that MAC (its IP is only
/// informational); a row with only an IP matches a device holding that address. A MAC or IP-only address
/// listed twice is an error.</item>
/// </list>
/// Every problem is reported as <c>file:line: problem</c>; loading fails if there is any.
/// </remarks>
public sealed class AssetRegister
{
    private static readonly string[] s_columns = ["mac", "ip", "name", "zone", "site", "owner", "notes"];

    private readonly Dictionary<MacAddress, AssetRecord> _byMac;
    private readonly Dictionary<UInt128, AssetRecord> _byAddress;

    private AssetRegister(IReadOnlyList<AssetRecord> records, Dictionary<MacAddress, AssetRecord> byMac, Dictionary<UInt128, AssetRecord> byAddress)
    {
        Records = records;
        _byMac = byMac;
        _byAddress = byAddress;
    }

    /// <summary>A register with no rows: every device is unregistered.</summary>
    public static AssetRegister Empty { get; } = new([], [], []);

    /// <summary>All rows, in file order.</summary>
    public IReadOnlyList<AssetRecord> Records { get; }

    public bool TryGetByMac(MacAddress mac, [NotNullWhen(true)] out AssetRecord? record) => _byMac.TryGetValue(mac, out record);

    /// <summary>The row without a MAC whose IP is <paramref name="address"/>.</summary>
    public bool TryGetByAddress(UInt128 address, [NotNullWhen(true)] out AssetRecord? record) => _byAddress.TryGetValue(address, out record);

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    /// <exception cref="AssetRegisterException">The file is unreadable or has problems (all listed).</exception>
    public static AssetRegister Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AssetRegisterException(path, [$"{path}:0: cannot read the asset register: {ex.Message}"], ex);
        }
        return Parse(text, path);
    }

    /// <summary>As <see cref="Load"/>, from text; <paramref name="fileName"/> is used in messages.</summary>
    /// <exception cref="AssetRegisterException">The text has problems (all listed).</exception>
    public static AssetRegister Parse(string text, string fileName)
    {
        var problems = new List<string>();
        var register = Read(text, fileName, problems);
        return problems.Count == 0 ? register : throw new AssetRegisterException(fileName, problems);
    }

    private static AssetRegister Read(string text, string file, List<string> problems)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var reader = new AssetCsvReader(text);
        if (!reader.TryRead(out var header, out var headerLine, out var headerError))
        {
            problems.Add($"{file}:1: empty asset register: expected a header line such as mac,ip,name,zone,site,owner,notes");
            return Empty;
        }
        if (headerError is not null)
        {
            problems.Add($"{file}:{headerLine}: {headerError}");
            return Empty;
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (Array.IndexOf(s_columns, name) < 0)
            {
                problems.Add($"{file}:{headerLine}: unknown column '{header[i]}' (expected {string.Join(", ", s_columns)})");
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add($"{file}:{headerLine}: column '{name}' appears twice");
            }
        }
        if (!columns.ContainsKey("mac") && !columns.ContainsKey("ip"))
        {
            problems.Add($"{file}:{headerLine}: the header needs a 'mac' or an 'ip' column");
        }
        if (problems.Count > 0)
        {
            return Empty;
        }

        var records = new List<AssetRecord>();
        var byMac = new Dictionary<MacAddress, AssetRecord>();
        var byAddress = new Dictionary<UInt128, AssetRecord>();
        while (reader.TryRead(out var fields, out var line, out var error))
        {
            if (error is not null)
            {
                problems.Add($"{file}:{line}: {error}");
                continue;
            }
            if (fields.Count != header.Count)
            {
                problems.Add($"{file}:{line}: expected {header.Count} fields like the header, found {fields.Count}");
                continue;
            }
            var macText = Field(fields, columns, "mac");
            var ipText = Field(fields, columns, "ip");
            MacAddress? mac = null;
            UInt128? address = null;
            var ok = true;
            if (macText is not null)
            {
                if (MacAddress.TryParse(macText, out var parsed) && !parsed.IsMulticast)
                {
                    mac = parsed;
                }
                else
                {
                    problems.Add($"{file}:{line}: '{macText}' is not a unicast MAC address (write 00:11:22:33:44:55)");
                    ok = false;
                }
            }
            if (ipText is not null)
            {
                if (TryParseAddress(ipText, out var parsedAddress))
                {
                    address = parsedAddress;
                }
                else
                {
                    problems.Add($"{file}:{line}: '{ipText}' is not an IPv4 or IPv6 address");
                    ok = false;
                }
            }
            if (ok && mac is null && address is null)
            {
                problems.Add($"{file}:{line}: a row needs a mac or an ip");
                ok = false;
            }
            if (!ok)
            {
                continue;
            }
            var record = new AssetRecord(mac, address, Field(fields, columns, "name"), Field(fields, columns, "zone"),
                Field(fields, columns, "site"), Field(fields, columns, "owner"), Field(fields, columns, "notes"), line);
            if (mac is { } m)
            {
                if (!byMac.TryAdd(m, record))
                {
                    problems.Add($"{file}:{line}: MAC {m} is already listed on line {byMac[m].Line}");
                    continue;
                }
            }
            else if (!byAddress.TryAdd(address!.Value, record))
            {
                problems.Add($"{file}:{line}: address {ipText} is already listed on line {byAddress[address.Value].Line}");
                continue;
            }
            records.Add(record);
        }
        return new AssetRegister(records, byMac, byAddress);
    }

    // IPAddress.TryParse also takes "10.1" and "167772161"; a register must spell addresses out.
    internal static bool TryParseAddress(string text, out UInt128 address)
    {
        address = UInt128.Zero;
        if (!IPAddress.TryParse(text, out var ip))
        {
            return false;
        }
        var isV4 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        if (isV4 ? text.Count(static c => c == '.') != 3 : !text.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }
        address = IpAddr.FromIPAddress(ip);
        return true;
    }

    private static string? Field(List<string> fields, Dictionary<string, int> columns, string name)
        => columns.TryGetValue(name, out var index) && fields[index].Length > 0 ? fields[index] : null;
}
