namespace TrafficWatch.Tests.Grafana;

/// <summary>The checker the dashboard tests rely on must itself catch what it is for.</summary>
public sealed class InfluxQlSchemaCheckerTests
{
    private static readonly HashSet<string> s_defined = new(StringComparer.Ordinal) { "zone", "device" };

    [Theory]
    [InlineData("SELECT sum(\"bytes\") * 1000 / $__interval_ms FROM \"traffic\" WHERE \"direction\" = 'out' AND \"zone\" =~ /^$zone$/ AND $timeFilter GROUP BY time($__interval), \"zone\" fill(0)")]
    [InlineData("SELECT \"count\", \"bytes\", \"destination\", \"explanation\" FROM \"alerts\" WHERE \"device\" =~ /^$device$/ AND $timeFilter GROUP BY \"rule\", \"severity\"")]
    [InlineData("SELECT non_negative_difference(last(\"kernel_drops\")) AS \"kernel drops\" FROM \"sensor\" WHERE $timeFilter GROUP BY time(10s), \"sensor\" fill(none)")]
    [InlineData("SELECT max(\"count\") FROM \"devices\" WHERE \"zone\" != 'x' AND $timeFilter GROUP BY time($__interval), \"vendor\", \"class\"")]
    [InlineData("SHOW TAG VALUES FROM \"traffic\" WITH KEY = \"device\" WHERE \"zone\" =~ /^$zone$/")]
    public void Accepts_queries_that_name_only_schema_names(string query)
    {
        Assert.Empty(InfluxQlSchemaChecker.Check(query, s_defined, out var names));
        Assert.NotNull(names);
    }

    [Theory]
    [InlineData("SELECT sum(\"bytes\") FROM \"trafic\" WHERE $timeFilter", "not a measurement")]
    [InlineData("SELECT sum(\"byte\") FROM \"traffic\" WHERE $timeFilter", "not a field of traffic")]
    [InlineData("SELECT \"zone\" FROM \"traffic\" WHERE $timeFilter", "not a field of traffic")]
    [InlineData("SELECT sum(\"explanation\") FROM \"traffic\" WHERE $timeFilter", "not a field of traffic")]
    [InlineData("SELECT sum(\"bytes\") FROM \"traffic\" WHERE \"dest_ip\" = '1.2.3.4' AND $timeFilter", "WHERE \"dest_ip\": not a tag")]
    [InlineData("SELECT sum(\"bytes\") FROM \"traffic\" WHERE $timeFilter GROUP BY \"hostname\"", "GROUP BY \"hostname\": not a tag")]
    [InlineData("SELECT sum(\"bytes\") FROM \"traffic\" WHERE $timeFilter GROUP BY \"rule\"", "not a tag of traffic")]
    [InlineData("SELECT sum(\"bytes\") FROM \"traffic\" WHERE \"vendor\" =~ /^$vendor$/ AND $timeFilter", "$vendor is not defined")]
    [InlineData("SELECT sum(bytes) FROM \"traffic\" WHERE $timeFilter", "unexpected 'bytes'")]
    [InlineData("SELECT sum(\"bytes\") FROM \"traffic\" WHERE zone = 'a' AND $timeFilter", "unexpected 'zone'")]
    [InlineData("SELECT * FROM \"traffic\" WHERE $timeFilter", "name the fields")]
    [InlineData("SELECT max(\"n\") FROM (SELECT sum(\"bytes\") AS \"n\" FROM \"traffic\") WHERE $timeFilter", "FROM must name one measurement")]
    [InlineData("SHOW TAG VALUES FROM \"alerts\" WITH KEY = \"sensor\"", "WITH KEY \"sensor\": not a tag of alerts")]
    [InlineData("SHOW MEASUREMENTS", "not a SELECT or SHOW TAG VALUES")]
    public void Rejects_names_outside_the_schema_and_undefined_variables(string query, string expected)
    {
        var problems = InfluxQlSchemaChecker.Check(query, s_defined, out _);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}
