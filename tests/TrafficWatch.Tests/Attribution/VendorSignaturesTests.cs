using TrafficWatch.Pipeline;
using TrafficWatch.Attribution;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Attribution;

public sealed class VendorSignaturesTests(ITestOutputHelper output)
{
    private static readonly string s_validEntry = """
        schema: 1
        vendors:
          - id: acme
            name: Acme
            ieee: ["Hangzhou Hikvision Digital Technology Co.,Ltd."]
            country: CN
            classes: [camera]
            domains: [acme-cloud.example]
            sources: [https://example.com/doc]
        """;

    private static VendorSignatures LoadShipped()
        => VendorSignatures.Load(SignaturePaths.VendorsFile(ShippedSignatures.Directory), ShippedSignatures.Registry);

    [Fact]
    public void The_shipped_vendors_file_loads_without_errors_or_warnings()
    {
        var vendors = LoadShipped();
        foreach (var warning in vendors.Warnings)
        {
            output.WriteLine(warning.ToString());
        }
        Assert.Empty(vendors.Warnings);
        Assert.True(vendors.Vendors.Count >= 20, $"only {vendors.Vendors.Count} vendors");
        output.WriteLine($"{vendors.Vendors.Count} vendors, {vendors.ByOrganization.Count} IEEE names, {vendors.ByDomainSuffix.Count} domains");
    }

    [Fact]
    public void Every_IEEE_name_in_the_shipped_vendors_file_exists_in_the_registry()
    {
        var registry = ShippedSignatures.Registry;
        foreach (var vendor in LoadShipped().Vendors)
        {
            foreach (var organization in vendor.IeeeOrganizations)
            {
                Assert.True(registry.ContainsOrganization(organization), $"{vendor.Id}: '{organization}' is not in the registry");
            }
        }
    }

    [Fact]
    public void The_signature_check_of_the_shipped_folder_finds_nothing()
    {
        var problems = SignatureCheck.Run(ShippedSignatures.Directory);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("Hangzhou Hikvision Digital Technology Co.,Ltd.", "hikvision")]
    [InlineData("Hangzhou Ezviz Software Co.,Ltd.", "ezviz")]
    [InlineData("Zhejiang Dahua Technology Co., Ltd.", "dahua")]
    [InlineData("D-Link （Shanghai）Limited Corp.", "d-link")]
    public void IEEE_names_map_to_their_vendor(string organization, string id)
    {
        Assert.True(LoadShipped().TryGetByOrganization(organization, out var vendor));
        Assert.Equal(id, vendor.Id);
    }

    [Fact]
    public void H3C_is_not_mistaken_for_Hikvision()
    {
        var vendors = LoadShipped();
        Assert.False(vendors.TryGetByOrganization("Hangzhou H3C Technologies Co., Limited", out _));
        Assert.False(vendors.TryGetByOrganization("New H3C Technologies Co., Ltd", out _));
    }

    [Fact]
    public void A_MAC_resolves_through_the_registry_to_a_vendor_entry()
    {
        Assert.True(TrafficWatch.Decode.MacAddress.TryParse("bc:ad:28:01:02:03", out var mac));
        Assert.True(ShippedSignatures.Registry.TryLookup(mac, out var organization));
        Assert.True(LoadShipped().TryGetByOrganization(organization, out var vendor));
        Assert.Equal("hikvision", vendor.Id);
        Assert.Equal("CN", vendor.Country);
        Assert.Contains(DeviceClass.Camera, vendor.Classes);
    }

    [Theory]
    [InlineData("apiieu.hik-connect.com", "hikvision")]
    [InlineData("HIK-CONNECT.COM.", "hikvision")]
    [InlineData("eucas.ezvizlife.com", "ezviz")]
    [InlineData("www.easy4ipcloud.com", "dahua")]
    [InlineData("openapi.tuyaeu.com", "tuya")]
    [InlineData("de.api.io.mi.com", "xiaomi")]
    [InlineData("signal.mydlink.com", "d-link")]
    public void Domains_match_by_suffix(string host, string id)
    {
        Assert.True(LoadShipped().TryMatchDomain(host, out var vendor));
        Assert.Equal(id, vendor.Id);
    }

    [Theory]
    [InlineData("nothik-connect.com")]
    [InlineData("com")]
    [InlineData("")]
    [InlineData("mi.com")]
    [InlineData("hik-connect.com.evil.example")]
    public void Unrelated_names_match_no_vendor(string host)
    {
        Assert.False(LoadShipped().TryMatchDomain(host, out _));
    }

    [Fact]
    public void A_parent_refers_to_another_vendor()
    {
        var vendors = LoadShipped();
        Assert.True(vendors.TryGetById("ezviz", out var ezviz));
        Assert.Equal("hikvision", ezviz.Parent);
        Assert.True(vendors.TryGetById("imou", out var imou));
        Assert.Equal("dahua", imou.Parent);
    }

    [Fact]
    public void A_valid_minimal_file_loads()
    {
        var vendors = VendorSignatures.Parse(s_validEntry, "v.yaml", ShippedSignatures.Registry);
        Assert.True(vendors.TryMatchDomain("x.acme-cloud.example", out var vendor));
        Assert.Equal("Acme", vendor.DisplayName);
        Assert.Equal(3, vendor.Line);
    }

    [Theory]
    [InlineData("    country: CNN\n", 7, "vendor 'acme': country 'CNN' is not an ISO 3166 alpha-2 code")]
    [InlineData("    classes: [camera, toaster]\n", 7, "class 'toaster' is not one of")]
    [InlineData("    domains: [\"https://cloud.example/x\"]\n", 7, "is not a valid domain name")]
    [InlineData("    asns: [64512]\n", 7, "'64512' is not a public AS number")]
    [InlineData("    colour: red\n", 7, "unknown key 'colour'")]
    [InlineData("    parent: nobody\n", 7, "parent 'nobody' is not a vendor id")]
    public void Field_errors_carry_the_line_of_the_bad_value(string badLine, int line, string fragment)
    {
        var yaml = $"""
            schema: 1
            vendors:
              - id: good
                name: Good
              - id: acme
                name: Acme
            {badLine}
            """;
        var ex = Assert.Throws<SignatureFormatException>(() => VendorSignatures.Parse(yaml, "vendors.yaml"));
        output.WriteLine(ex.Message);
        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"vendors.yaml:{line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_id_points_at_the_second_definition()
    {
        const string yaml = """
            schema: 1
            vendors:
              - id: twin
                name: One
              - id: twin
                name: Two
            """;
        var ex = Assert.Throws<SignatureFormatException>(() => VendorSignatures.Parse(yaml, "vendors.yaml"));
        Assert.Equal(5, ex.Line);
        Assert.Contains("duplicate id (first defined at line 3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_domain_or_IEEE_name_cannot_belong_to_two_vendors()
    {
        const string yaml = """
            schema: 1
            vendors:
              - id: a
                name: A
                ieee: ["Espressif Inc."]
                domains: [shared.example]
                sources: [doc]
              - id: b
                name: B
                ieee: ["Espressif Inc."]
                domains: [shared.example]
                sources: [doc]
            """;
        var problems = new List<SignatureProblem>();
        using var reader = new StringReader(yaml);
        VendorSignaturesLoader.Read(reader, "vendors.yaml", null, problems);
        Assert.Collection(problems,
            p => Assert.Equal((10, "vendor 'b': IEEE organization 'Espressif Inc.' is already claimed by vendor 'a'"), (p.Line, p.Message)),
            p => Assert.Equal((11, "vendor 'b': domain 'shared.example' is already listed by vendor 'a'"), (p.Line, p.Message)));
    }

    [Fact]
    public void A_YAML_syntax_error_in_a_temp_file_reports_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tw-vendors-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            schema: 1
            vendors:
              - id: acme
                name: Acme
                classes: [camera
                country: CN
            """);
        try
        {
            var problems = new List<SignatureProblem>();
            VendorSignaturesLoader.LoadFile(path, null, problems);
            var problem = Assert.Single(problems);
            output.WriteLine(problem.ToString());
            Assert.Equal(path, problem.File);
            Assert.InRange(problem.Line, 5, 7);   // the parser notices the unclosed '[' at the next key
            Assert.StartsWith("YAML syntax error", problem.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("(Line:", problem.Message, StringComparison.Ordinal);

            var ex = Assert.Throws<SignatureFormatException>(() => VendorSignatures.Load(path));
            Assert.Equal(problem.Line, ex.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_duplicate_key_is_a_syntax_error_on_its_line()
    {
        const string yaml = """
            schema: 1
            vendors:
              - id: acme
                name: Acme
                name: Acme again
            """;
        var ex = Assert.Throws<SignatureFormatException>(() => VendorSignatures.Parse(yaml, "vendors.yaml"));
        output.WriteLine(ex.Message);
        Assert.Equal(5, ex.Line);
    }

    [Fact]
    public void A_bad_line_in_a_temp_file_is_reported_exactly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tw-vendors-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, s_validEntry.Replace("country: CN", "country: CNN", StringComparison.Ordinal));
        try
        {
            var ex = Assert.Throws<SignatureFormatException>(() => VendorSignatures.Load(path));
            Assert.Equal(path, ex.FilePath);
            Assert.Equal(6, ex.Line);
            Assert.Equal($"{path}:6: vendor 'acme': country 'CNN' is not an ISO 3166 alpha-2 code", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unknown_IEEE_name_is_a_warning_with_a_hint()
    {
        const string yaml = """
            schema: 1
            vendors:
              - id: hik
                name: Hik
                ieee: ["HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO.,LTD."]
            """;
        var vendors = VendorSignatures.Parse(yaml, "v.yaml", ShippedSignatures.Registry);
        var warning = Assert.Single(vendors.Warnings);
        Assert.Equal(5, warning.Line);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Contains("did you mean 'Hangzhou Hikvision Digital Technology Co.,Ltd.'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_schema_or_vendors_list_is_an_error()
    {
        var ex = Assert.Throws<SignatureFormatException>(() => VendorSignatures.Parse("vendors: {}\n", "v.yaml"));
        Assert.Contains("'vendors' must be a list", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing 'schema: 1'", ex.Message, StringComparison.Ordinal);
    }
}
