using System.Text.Json;
using TrafficWatch.Detection;
using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Tests.Grafana;

public sealed class DashboardTests
{
    private const int GridColumns = 24;
    private const int MinSchemaVersion = 36;       // data sources referenced as {type, uid} objects

    private static readonly string[] s_expectedUids =
        ["trafficwatch-alerts", "trafficwatch-device", "trafficwatch-overview", "trafficwatch-sensor"];

    [Fact]
    public void The_four_dashboards_exist_with_their_fixed_uids()
    {
        var uids = GrafanaFiles.Dashboards().Select(d => d.Dashboard.GetProperty("uid").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(s_expectedUids, uids);
    }

    [Fact]
    public void Every_dashboard_is_valid_with_unique_panel_ids_and_non_overlapping_panels_within_24_columns()
    {
        var problems = new List<string>();
        foreach (var (file, dashboard) in GrafanaFiles.Dashboards())
        {
            if (!dashboard.TryGetProperty("schemaVersion", out var schema) || schema.ValueKind != JsonValueKind.Number || schema.GetInt32() < MinSchemaVersion)
            {
                problems.Add($"{file}: schemaVersion missing or below {MinSchemaVersion}");
            }
            if (string.IsNullOrWhiteSpace(dashboard.GetProperty("title").GetString()))
            {
                problems.Add($"{file}: no title");
            }
            if (!dashboard.TryGetProperty("time", out var time) || !time.TryGetProperty("from", out _) || !time.TryGetProperty("to", out _))
            {
                problems.Add($"{file}: no default time range");
            }
            var ids = new HashSet<int>();
            var boxes = new List<(int Id, int X, int Y, int W, int H)>();
            foreach (var panel in GrafanaFiles.Panels(dashboard))
            {
                var id = panel.GetProperty("id").GetInt32();
                if (id <= 0 || !ids.Add(id))
                {
                    problems.Add($"{file}: panel id {id} is not a unique positive number");
                }
                var grid = panel.GetProperty("gridPos");
                var (x, y, w, h) = (grid.GetProperty("x").GetInt32(), grid.GetProperty("y").GetInt32(), grid.GetProperty("w").GetInt32(), grid.GetProperty("h").GetInt32());
                if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > GridColumns)
                {
                    problems.Add($"{file}: panel {id} gridPos x={x} y={y} w={w} h={h} is outside the {GridColumns}-column grid");
                }
                foreach (var other in boxes)
                {
                    if (x < other.X + other.W && other.X < x + w && y < other.Y + other.H && other.Y < y + h)
                    {
                        problems.Add($"{file}: panels {other.Id} and {id} overlap");
                    }
                }
                boxes.Add((id, x, y, w, h));
            }
            if (boxes.Count == 0)
            {
                problems.Add($"{file}: no panels");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_query_names_only_measurements_fields_and_tags_the_metric_schema_defines()
    {
        var problems = new List<string>();
        var checkedQueries = 0;
        foreach (var (file, dashboard) in GrafanaFiles.Dashboards())
        {
            var defined = VariableNames(dashboard);
            foreach (var (where, query) in Queries(dashboard))
            {
                checkedQueries++;
                foreach (var problem in InfluxQlSchemaChecker.Check(query, defined, out _))
                {
                    problems.Add($"{file} {where}: {problem}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(checkedQueries >= 30, $"only {checkedQueries} queries found");
    }

    [Fact]
    public void Variable_queries_only_use_variables_defined_before_them()
    {
        var problems = new List<string>();
        foreach (var (file, dashboard) in GrafanaFiles.Dashboards())
        {
            var earlier = new HashSet<string>(StringComparer.Ordinal);
            foreach (var variable in GrafanaFiles.Variables(dashboard))
            {
                var name = variable.GetProperty("name").GetString()!;
                if (variable.GetProperty("type").GetString() == "query")
                {
                    foreach (var problem in InfluxQlSchemaChecker.Check(GrafanaFiles.VariableQuery(variable), earlier, out _))
                    {
                        problems.Add($"{file} variable {name}: {problem}");
                    }
                }
                if (!earlier.Add(name))
                {
                    problems.Add($"{file}: variable {name} is defined twice");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_panel_target_and_variable_uses_the_provisioned_influxdb_data_source_uid()
    {
        var provisioned = Assert.Single(GrafanaFiles.ProvisionedDataSources());
        Assert.Equal("influxdb", provisioned.Type);
        Assert.Equal("trafficwatch-influx", provisioned.Uid);
        var problems = new List<string>();
        foreach (var (file, dashboard) in GrafanaFiles.Dashboards())
        {
            foreach (var panel in GrafanaFiles.Panels(dashboard).Where(p => p.GetProperty("type").GetString() != "row"))
            {
                var id = panel.GetProperty("id").GetInt32();
                CheckDataSource(panel, $"{file} panel {id}");
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    CheckDataSource(target, $"{file} panel {id} target {target.GetProperty("refId").GetString()}");
                }
            }
            foreach (var variable in GrafanaFiles.Variables(dashboard).Where(v => v.GetProperty("type").GetString() == "query"))
            {
                CheckDataSource(variable, $"{file} variable {variable.GetProperty("name").GetString()}");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        void CheckDataSource(JsonElement element, string where)
        {
            if (!element.TryGetProperty("datasource", out var ds) || ds.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where}: datasource must be an object {{type, uid}} (no name strings, no ${{DS}} inputs)");
                return;
            }
            var type = ds.TryGetProperty("type", out var t) ? t.GetString() : null;
            var uid = ds.TryGetProperty("uid", out var u) ? u.GetString() : null;
            if (type != provisioned.Type || uid != provisioned.Uid)
            {
                problems.Add($"{where}: datasource {type}/{uid}, expected {provisioned.Type}/{provisioned.Uid}");
            }
        }
    }

    [Fact]
    public void Every_target_is_a_raw_InfluxQL_query_and_every_chart_declares_a_unit()
    {
        var problems = new List<string>();
        foreach (var (file, dashboard) in GrafanaFiles.Dashboards())
        {
            foreach (var panel in GrafanaFiles.Panels(dashboard))
            {
                var id = panel.GetProperty("id").GetInt32();
                var type = panel.GetProperty("type").GetString();
                var targets = panel.GetProperty("targets").EnumerateArray().ToArray();
                if (targets.Length == 0)
                {
                    problems.Add($"{file} panel {id}: no query");
                }
                foreach (var target in targets)
                {
                    if (!target.TryGetProperty("rawQuery", out var raw) || !raw.GetBoolean() || string.IsNullOrWhiteSpace(target.GetProperty("query").GetString()))
                    {
                        problems.Add($"{file} panel {id}: target {target.GetProperty("refId").GetString()} is not a raw InfluxQL query");
                    }
                }
                if (type is "timeseries" or "stat" or "bargauge" or "piechart" or "geomap"
                    && (!panel.GetProperty("fieldConfig").GetProperty("defaults").TryGetProperty("unit", out var unit) || string.IsNullOrEmpty(unit.GetString())))
                {
                    problems.Add($"{file} panel {id} ({type}): no unit");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Device_dashboard_chains_zone_then_vendor_then_a_single_device_MAC()
    {
        var dashboard = GrafanaFiles.Dashboard("trafficwatch-device");
        var variables = GrafanaFiles.Variables(dashboard).ToDictionary(v => v.GetProperty("name").GetString()!, StringComparer.Ordinal);
        Assert.Equal(["zone", "vendor", "device"], variables.Keys.ToArray());

        AssertVariable(variables["zone"], MetricSchema.Tags.Zone, []);
        AssertVariable(variables["vendor"], MetricSchema.Tags.Vendor, ["zone"]);
        AssertVariable(variables["device"], MetricSchema.Tags.Device, ["zone", "vendor"]);
        Assert.False(variables["device"].GetProperty("multi").GetBoolean());
        Assert.False(variables["device"].GetProperty("includeAll").GetBoolean());

        // Every panel is about the chosen device.
        foreach (var (where, query) in Queries(dashboard))
        {
            InfluxQlSchemaChecker.Check(query, VariableNames(dashboard), out var names);
            Assert.NotNull(names);
            Assert.True(names.Variables.Contains("device") && names.Tags.Contains(MetricSchema.Tags.Device), $"{where} does not filter by $device: {query}");
        }

        static void AssertVariable(JsonElement variable, string tag, string[] uses)
        {
            var query = GrafanaFiles.VariableQuery(variable);
            Assert.Empty(InfluxQlSchemaChecker.Check(query, new HashSet<string>(uses, StringComparer.Ordinal), out var names));
            Assert.NotNull(names);
            Assert.Equal(tag, names.Tags[0]);
            Assert.Equal(uses, names.Variables.ToArray());
        }
    }

    [Fact]
    public void Overview_maps_outbound_bytes_by_destination_country_and_shows_top_talkers_alerts_and_devices()
    {
        var dashboard = GrafanaFiles.Dashboard("trafficwatch-overview");
        Assert.Equal(["sensor", "zone", "vendor", "class"], GrafanaFiles.Variables(dashboard).Select(v => v.GetProperty("name").GetString()!).ToArray());
        var geomap = Assert.Single(GrafanaFiles.Panels(dashboard), p => p.GetProperty("type").GetString() == "geomap");
        var layer = Assert.Single(geomap.GetProperty("options").GetProperty("layers").EnumerateArray());
        Assert.Equal("lookup", layer.GetProperty("location").GetProperty("mode").GetString());
        Assert.Equal(MetricSchema.Tags.DestCountry, layer.GetProperty("location").GetProperty("lookup").GetString());
        var query = geomap.GetProperty("targets")[0].GetProperty("query").GetString()!;
        Assert.Empty(InfluxQlSchemaChecker.Check(query, VariableNames(dashboard), out var names));
        Assert.Equal(MetricSchema.Measurements.Traffic, names!.Measurement);
        Assert.Equal([MetricSchema.Fields.Bytes], names.Fields);
        Assert.Contains(MetricSchema.Tags.DestCountry, names.Tags);
        Assert.Contains("'out'", query, StringComparison.Ordinal);

        var measurements = Queries(dashboard).Select(q => Names(q.Query, dashboard).Measurement).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(new HashSet<string> { MetricSchema.Measurements.Traffic, MetricSchema.Measurements.Alerts, MetricSchema.Measurements.Devices }, measurements);
        var grouped = Queries(dashboard).SelectMany(q => Names(q.Query, dashboard).Tags).ToHashSet(StringComparer.Ordinal);
        foreach (var tag in new[] { MetricSchema.Tags.Zone, MetricSchema.Tags.DestClass, MetricSchema.Tags.Device, MetricSchema.Tags.Rule, MetricSchema.Tags.Vendor, MetricSchema.Tags.Class })
        {
            Assert.Contains(tag, grouped);
        }
    }

    [Fact]
    public void Alerts_table_shows_the_explanation_filters_by_rule_zone_severity_and_colours_severity()
    {
        var dashboard = GrafanaFiles.Dashboard("trafficwatch-alerts");
        Assert.Equal(["rule", "zone", "severity"], GrafanaFiles.Variables(dashboard).Select(v => v.GetProperty("name").GetString()!).ToArray());
        var table = Assert.Single(GrafanaFiles.Panels(dashboard), p => p.GetProperty("type").GetString() == "table");
        var names = Names(table.GetProperty("targets")[0].GetProperty("query").GetString()!, dashboard);
        Assert.Equal(MetricSchema.Measurements.Alerts, names.Measurement);
        Assert.Contains(MetricSchema.Fields.Explanation, names.Fields);
        Assert.Contains(MetricSchema.Fields.Destination, names.Fields);
        foreach (var tag in new[] { MetricSchema.Tags.Rule, MetricSchema.Tags.Zone, MetricSchema.Tags.Severity })
        {
            Assert.Contains(tag, names.Tags);
        }
        Assert.Equal(["rule", "zone", "severity"], names.Variables.Where(v => !v.StartsWith("time", StringComparison.Ordinal) && !v.StartsWith("__", StringComparison.Ordinal)).ToArray());

        var severity = table.GetProperty("fieldConfig").GetProperty("overrides").EnumerateArray()
            .Single(o => o.GetProperty("matcher").GetProperty("options").GetString() == MetricSchema.Tags.Severity);
        var mapping = severity.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "mappings")
            .GetProperty("value")[0].GetProperty("options");
        foreach (var level in new[] { AlertSeverity.High, AlertSeverity.Medium, AlertSeverity.Low }.Select(AlertMetricsBuilder.SeverityName))
        {
            Assert.False(string.IsNullOrEmpty(mapping.GetProperty(level).GetProperty("color").GetString()), $"severity {level} has no colour");
        }
        Assert.Contains(severity.GetProperty("properties").EnumerateArray(), p => p.GetProperty("id").GetString() == "custom.cellOptions");
    }

    [Fact]
    public void Sensor_health_dashboard_shows_every_sensor_field_per_sensor()
    {
        var dashboard = GrafanaFiles.Dashboard("trafficwatch-sensor");
        var all = Queries(dashboard).Select(q => Names(q.Query, dashboard)).ToArray();
        Assert.All(all, n => Assert.Equal(MetricSchema.Measurements.Sensor, n.Measurement));
        Assert.All(all, n => Assert.Contains(MetricSchema.Tags.Sensor, n.Tags));
        var fields = all.SelectMany(n => n.Fields).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(MetricSchema.SensorFields.Order(StringComparer.Ordinal), fields.Order(StringComparer.Ordinal));
        var units = GrafanaFiles.Panels(dashboard).Select(p => p.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("unit").GetString()).ToHashSet();
        Assert.Contains("pps", units);
        Assert.Contains("bytes", units);
    }

    [Fact]
    public void Links_to_the_device_dashboard_pass_the_MAC_as_var_device()
    {
        var links = 0;
        foreach (var (file, dashboard) in GrafanaFiles.Dashboards())
        {
            foreach (var match in System.Text.RegularExpressions.Regex.Matches(dashboard.GetRawText(), @"/d/([a-z\-]+)[^""]*").Cast<System.Text.RegularExpressions.Match>())
            {
                links++;
                Assert.Contains(match.Groups[1].Value, s_expectedUids);
                Assert.Contains("var-device=${__value.raw}", match.Value, StringComparison.Ordinal);
            }
        }
        Assert.True(links >= 2, $"{links} links to the device dashboard");
    }

    private static InfluxQlSchemaChecker.QueryNames Names(string query, JsonElement dashboard)
    {
        var problems = InfluxQlSchemaChecker.Check(query, VariableNames(dashboard), out var names);
        Assert.True(problems.Count == 0, string.Join("; ", problems));
        return names!;
    }

    private static HashSet<string> VariableNames(JsonElement dashboard) =>
        GrafanaFiles.Variables(dashboard).Select(v => v.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string Where, string Query)> Queries(JsonElement dashboard)
    {
        foreach (var panel in GrafanaFiles.Panels(dashboard))
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }
            foreach (var target in targets.EnumerateArray())
            {
                yield return ($"panel {panel.GetProperty("id").GetInt32()} \"{panel.GetProperty("title").GetString()}\" {target.GetProperty("refId").GetString()}",
                    target.GetProperty("query").GetString() ?? string.Empty);
            }
        }
    }
}
