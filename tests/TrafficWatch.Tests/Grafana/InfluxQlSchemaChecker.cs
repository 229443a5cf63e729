using System.Text.RegularExpressions;
using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Tests.Grafana;

/// <summary>
/// Checks an InfluxQL query (as Grafana stores it) against <see cref="MetricSchema"/>: the measurement in
/// <c>FROM "x"</c>, the fields in <c>SELECT</c>, the tags in <c>WHERE</c>, <c>GROUP BY</c> and
/// <c>SHOW TAG VALUES ... WITH KEY</c>, and every <c>$variable</c>. It understands the subset of InfluxQL the
/// dashboards use and reports anything else as a problem, so a query cannot slip past it unchecked.
/// </summary>
internal static partial class InfluxQlSchemaChecker
{
    /// <summary>Grafana's global variables, always defined.</summary>
    private static readonly HashSet<string> s_builtInVariables = new(StringComparer.Ordinal)
    {
        "timeFilter", "__timeFilter", "__interval", "__interval_ms", "__rate_interval", "__range", "__range_s",
        "__range_ms", "__from", "__to", "__dashboard", "__org", "__user",
    };

    private static readonly HashSet<string> s_functions = new(StringComparer.OrdinalIgnoreCase)
    {
        "sum", "mean", "median", "max", "min", "last", "first", "count", "spread", "stddev", "integral",
        "non_negative_difference", "difference", "derivative", "non_negative_derivative", "cumulative_sum",
        "moving_average", "percentile",
    };

    /// <summary>Measurement name -> its tag keys and field keys, from the schema's constants.</summary>
    public static IReadOnlyDictionary<string, (IReadOnlyList<string> Tags, IReadOnlyList<string> Fields)> Schema { get; } =
        new Dictionary<string, (IReadOnlyList<string>, IReadOnlyList<string>)>(StringComparer.Ordinal)
        {
            [MetricSchema.Measurements.Traffic] = (MetricSchema.TrafficTags, MetricSchema.TrafficFields),
            [MetricSchema.Measurements.Alerts] = (MetricSchema.AlertsTags, MetricSchema.AlertsFields),
            [MetricSchema.Measurements.Devices] = (MetricSchema.DevicesTags, MetricSchema.DevicesFields),
            [MetricSchema.Measurements.Sensor] = (MetricSchema.SensorTags, MetricSchema.SensorFields),
        };

    /// <summary>What a query names, for coverage checks.</summary>
    public sealed record QueryNames(string Measurement, IReadOnlyList<string> Fields, IReadOnlyList<string> Tags, IReadOnlyList<string> Variables);

    /// <summary>Returns the problems of <paramref name="query"/> (empty when it only names what the schema has);
    /// <paramref name="names"/> gets what it names when it could be parsed.</summary>
    public static List<string> Check(string query, IReadOnlySet<string> definedVariables, out QueryNames? names)
    {
        var problems = new List<string>();
        names = null;
        var variables = new List<string>();
        foreach (Match m in VariablePattern().Matches(query))
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value
                : m.Groups["bracket"].Success ? m.Groups["bracket"].Value
                : m.Groups["plain"].Value;
            variables.Add(name);
            if (!s_builtInVariables.Contains(name) && !definedVariables.Contains(name))
            {
                problems.Add($"variable ${name} is not defined in the dashboard's templating");
            }
        }

        // Literals may contain anything (regexes hold variables and dots); mask them before looking at names.
        var masked = RegexLiteralPattern().Replace(query, "${op} <regex>");
        masked = StringLiteralPattern().Replace(masked, "<str>");
        masked = VariablePattern().Replace(masked, "<var>");
        masked = WhitespacePattern().Replace(masked, " ").Trim().TrimEnd(';');
        if (masked.Contains(';', StringComparison.Ordinal))
        {
            problems.Add("one statement per query");
            return problems;
        }

        var show = ShowTagValuesPattern().Match(masked);
        if (show.Success)
        {
            var measurement = show.Groups["m"].Value;
            if (!Schema.TryGetValue(measurement, out var schema))
            {
                problems.Add($"FROM \"{measurement}\": not a measurement of MetricSchema");
                return problems;
            }
            var tags = new List<string> { show.Groups["key"].Value };
            CheckTag(show.Groups["key"].Value, measurement, schema.Tags, "WITH KEY", problems);
            if (show.Groups["where"].Success)
            {
                CheckWhere(show.Groups["where"].Value, measurement, schema.Tags, problems, tags);
            }
            names = new QueryNames(measurement, [], tags, variables);
            return problems;
        }

        var select = SelectPattern().Match(masked);
        if (!select.Success)
        {
            problems.Add($"not a SELECT or SHOW TAG VALUES statement this checker understands: {query}");
            return problems;
        }
        var from = select.Groups["from"].Value.Trim();
        var fromName = QuotedOnlyPattern().Match(from);
        if (!fromName.Success)
        {
            problems.Add($"FROM must name one measurement in double quotes, found: {from}");
            return problems;
        }
        var m2 = fromName.Groups[1].Value;
        if (!Schema.TryGetValue(m2, out var s))
        {
            problems.Add($"FROM \"{m2}\": not a measurement of MetricSchema");
            return problems;
        }

        var fields = new List<string>();
        var selectClause = select.Groups["sel"].Value;
        var withoutAliases = AliasPattern().Replace(selectClause, " ");
        foreach (Match q in QuotedPattern().Matches(withoutAliases))
        {
            var field = q.Groups[1].Value;
            fields.Add(field);
            if (!s.Fields.Contains(field, StringComparer.Ordinal))
            {
                problems.Add($"SELECT \"{field}\": not a field of {m2} (fields: {string.Join(", ", s.Fields)})");
            }
        }
        if (fields.Count == 0)
        {
            problems.Add("SELECT names no field (SELECT * is not allowed: name the fields)");
        }
        var selectRest = QuotedPattern().Replace(withoutAliases, " ");
        foreach (Match word in WordPattern().Matches(selectRest))
        {
            var isCall = selectRest.AsSpan(word.Index + word.Length).TrimStart().StartsWith("(");
            if (!(isCall && s_functions.Contains(word.Value)) && word.Value is not "var")
            {
                problems.Add($"SELECT: unexpected '{word.Value}' (fields must be double-quoted; functions: {string.Join(", ", s_functions)})");
            }
        }
        if (selectRest.Contains('*', StringComparison.Ordinal) && fields.Count == 0)
        {
            problems.Add("SELECT *: name the fields");
        }

        var tagsUsed = new List<string>();
        if (select.Groups["where"].Success)
        {
            CheckWhere(select.Groups["where"].Value, m2, s.Tags, problems, tagsUsed);
        }
        if (select.Groups["group"].Success)
        {
            var group = FillPattern().Replace(select.Groups["group"].Value, " ");
            foreach (var raw in group.Split(','))
            {
                var item = raw.Trim();
                if (TimeGroupPattern().IsMatch(item))
                {
                    continue;
                }
                var tag = QuotedOnlyPattern().Match(item);
                if (!tag.Success)
                {
                    problems.Add($"GROUP BY: expected time(...) or a double-quoted tag, found '{item}'");
                    continue;
                }
                tagsUsed.Add(tag.Groups[1].Value);
                CheckTag(tag.Groups[1].Value, m2, s.Tags, "GROUP BY", problems);
            }
        }
        names = new QueryNames(m2, fields, tagsUsed, variables);
        return problems;
    }

    private static void CheckWhere(string where, string measurement, IReadOnlyList<string> tags, List<string> problems, List<string> used)
    {
        foreach (Match c in ConditionPattern().Matches(where))
        {
            used.Add(c.Groups["tag"].Value);
            CheckTag(c.Groups["tag"].Value, measurement, tags, "WHERE", problems);
        }
        var rest = ConditionPattern().Replace(where, " ");
        rest = VarOrLiteralPattern().Replace(rest, " ");
        foreach (Match word in WordPattern().Matches(rest))
        {
            if (!word.Value.Equals("AND", StringComparison.OrdinalIgnoreCase) && !word.Value.Equals("OR", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"WHERE: unexpected '{word.Value}' (compare double-quoted tags with = != =~ !~, join with AND/OR, time via $timeFilter)");
            }
        }
        if (rest.Contains('"', StringComparison.Ordinal))
        {
            problems.Add($"WHERE: a double-quoted name outside a tag comparison: {where}");
        }
    }

    private static void CheckTag(string tag, string measurement, IReadOnlyList<string> tags, string clause, List<string> problems)
    {
        if (!tags.Contains(tag, StringComparer.Ordinal))
        {
            problems.Add($"{clause} \"{tag}\": not a tag of {measurement} (tags: {string.Join(", ", tags)})");
        }
    }

    [GeneratedRegex(@"\$\{(?<braced>\w+)(?::[\w]+)?\}|\[\[(?<bracket>\w+)\]\]|\$(?<plain>\w+)")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"(?<op>=~|!~)\s*/(?:\\.|[^/\\])*/")]
    private static partial Regex RegexLiteralPattern();

    [GeneratedRegex(@"'(?:\\.|[^'\\])*'")]
    private static partial Regex StringLiteralPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"^SHOW TAG VALUES FROM ""(?<m>[^""]+)"" WITH KEY ?= ?""(?<key>[^""]+)""(?: WHERE (?<where>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ShowTagValuesPattern();

    [GeneratedRegex(@"^SELECT (?<sel>.+?) FROM (?<from>.+?)(?: WHERE (?<where>.+?))?(?: GROUP BY (?<group>.+?))?(?: ORDER BY time (?:ASC|DESC))?(?: LIMIT \d+)?(?: SLIMIT \d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"^""([^""]+)""$")]
    private static partial Regex QuotedOnlyPattern();

    [GeneratedRegex(@"""([^""]+)""")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"\bAS\s+""[^""]+""", RegexOptions.IgnoreCase)]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z_0-9]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"""(?<tag>[^""]+)""\s*(?:=~|!~|!=|<>|=)\s*(?:<regex>|<str>|<var>)")]
    private static partial Regex ConditionPattern();

    [GeneratedRegex(@"<var>|<str>|<regex>")]
    private static partial Regex VarOrLiteralPattern();

    [GeneratedRegex(@"\bfill\((?:none|null|previous|linear|-?\d+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex FillPattern();

    [GeneratedRegex(@"^time\((?:<var>|\d+[a-z]+)(?:, ?(?:<var>|\d+[a-z]+))?\)$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeGroupPattern();
}
