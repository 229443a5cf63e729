using System.Net;
using System.Numerics;
using MaxMind.Db;
using TrafficWatch.Simulation.GeoDatabase;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Simulation.GeoDatabase;

/// <summary>The MMDB writer checked by MaxMind's own reader (MaxMind.Db, under MaxMind.GeoIP2) and MaxMind's test databases.</summary>
public sealed class MmdbWriterTests(ITestOutputHelper output)
{
    private static MmdbMetadata Metadata(string type = "TrafficWatch-Test") => new()
    {
        DatabaseType = type,
        BuildEpoch = 1_748_851_200,
        Description = new Dictionary<string, string> { ["en"] = "writer test" },
    };

    private static Reader Open(MmdbWriter writer, out MmdbWriteResult result)
    {
        var stream = new MemoryStream();
        result = writer.Write(stream);
        Assert.Equal(stream.Length, result.FileBytes);
        stream.Position = 0;
        return new Reader(stream);
    }

    [Theory]
    [InlineData("GeoLite2-Country-Test", 24)]
    [InlineData("GeoLite2-Country-Test", 28)]
    [InlineData("GeoLite2-ASN-Test", 24)]
    [InlineData("GeoLite2-ASN-Test", 32)]
    [InlineData("GeoIP2-City-Test", 28)]
    public void Networks_from_a_MaxMind_test_source_read_back_equal_to_the_source_and_to_MaxMinds_own_database(string database, int recordSize)
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var geoip = Path.Combine(root, "geoip");
        var source = MaxMindSourceJson.Load(Path.Combine(geoip, "source-data", database + ".json"));
        // A handful: the first few IPv4 networks, a few IPv6 ones and some from the middle.
        var picked = source.Where(static s => !s.Network.Contains(':', StringComparison.Ordinal)).Take(4)
            .Concat(source.Where(static s => s.Network.Contains(':', StringComparison.Ordinal)).Take(3))
            .Concat(source.Skip(source.Count / 2).Take(3))
            .DistinctBy(static s => s.Network)
            .ToList();
        Assert.True(picked.Count >= 6);
        var writer = new MmdbWriter(Metadata(database)) { MinimumRecordSize = recordSize };
        foreach (var (network, record) in picked)
        {
            writer.Insert(network, MaxMindSourceJson.ToWriterValue(record));
        }

        using var ours = Open(writer, out var layout);
        using var theirs = new Reader(Path.Combine(geoip, database + ".mmdb"));

        Assert.Equal(recordSize, layout.RecordSize);
        foreach (var (network, record) in picked)
        {
            var (address, prefix) = MmdbWriter.ParseCidr(network);
            var found = ours.Find<Dictionary<string, object>>(address, out var foundPrefix);
            Assert.NotNull(found);
            Assert.Equal(prefix, foundPrefix);
            Assert.Equal(MmdbCanonical.Of(record), MmdbCanonical.Of(found));
            Assert.Equal(MmdbCanonical.Of(theirs.Find<Dictionary<string, object>>(address)), MmdbCanonical.Of(found));
            var last = LastAddress(address, prefix);
            Assert.Equal(MmdbCanonical.Of(record), MmdbCanonical.Of(ours.Find<Dictionary<string, object>>(last)));
        }
        Assert.Null(ours.Find<Dictionary<string, object>>(IPAddress.Parse("10.0.0.1")));
        Assert.Null(ours.Find<Dictionary<string, object>>(IPAddress.Parse("fe80::1")));
        output.WriteLine($"{picked.Count} networks, {layout.NodeCount} nodes, {layout.FileBytes} bytes");
    }

    [Fact]
    public void Every_data_type_round_trips_through_MaxMinds_reader()
    {
        var record = new Dictionary<string, object>
        {
            ["utf8"] = "Zürich 東京 \u00e9",
            ["empty"] = string.Empty,
            ["medium_string"] = new string('m', 200),          // size 29 + 1 byte
            ["long_string"] = new string('l', 5_000),          // size 285 + 2 bytes
            ["huge_string"] = new string('h', 70_000),         // size 65821 + 3 bytes
            ["u16"] = (ushort)65_535,
            ["u16_zero"] = (ushort)0,
            ["u32"] = 4_294_967_295u,
            ["u32_small"] = 7u,
            ["u64"] = ulong.MaxValue,
            ["u128"] = UInt128.MaxValue,
            ["u128_small"] = (UInt128)300,
            ["i32"] = -123_456,
            ["i32_positive"] = 1_000,
            ["double"] = -33.8688,
            ["float"] = 1.5f,
            ["yes"] = true,
            ["no"] = false,
            ["bytes"] = new byte[] { 0, 1, 2, 0xFE, 0xFF },
            ["array"] = new List<object> { "a", 1u, new Dictionary<string, object> { ["nested"] = (ushort)2 } },
            ["map"] = new Dictionary<string, object> { ["en"] = "Europe", ["de"] = "Europa" },
        };
        var writer = new MmdbWriter(Metadata());
        writer.Insert("192.0.2.0/24", record);

        using var reader = Open(writer, out _);
        var found = reader.Find<Dictionary<string, object>>(IPAddress.Parse("192.0.2.200"));

        Assert.NotNull(found);
        Assert.Equal("Zürich 東京 \u00e9", found["utf8"]);
        Assert.Equal(string.Empty, found["empty"]);
        Assert.Equal(200, ((string)found["medium_string"]).Length);
        Assert.Equal(5_000, ((string)found["long_string"]).Length);
        Assert.Equal(new string('h', 70_000), found["huge_string"]);
        Assert.Equal(65_535L, Convert.ToInt64(found["u16"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(found["u16_zero"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4_294_967_295L, Convert.ToInt64(found["u32"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(7L, Convert.ToInt64(found["u32_small"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ulong.MaxValue, Convert.ToUInt64(found["u64"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((BigInteger)UInt128.MaxValue, (BigInteger)found["u128"]);
        Assert.Equal(new BigInteger(300), (BigInteger)found["u128_small"]);
        Assert.Equal(-123_456, found["i32"]);
        Assert.Equal(1_000, found["i32_positive"]);
        Assert.Equal(-33.8688, found["double"]);
        Assert.Equal(1.5f, found["float"]);
        Assert.Equal(true, found["yes"]);
        Assert.Equal(false, found["no"]);
        Assert.Equal(new byte[] { 0, 1, 2, 0xFE, 0xFF }, found["bytes"]);
        Assert.Equal("[\"a\",1,{\"nested\":2}]", MmdbCanonical.Of(found["array"]));
        Assert.Equal("{\"de\":\"Europa\",\"en\":\"Europe\"}", MmdbCanonical.Of(found["map"]));
    }

    [Fact]
    public void A_more_specific_network_inserted_later_wins_inside_and_the_wider_one_answers_around_it()
    {
        var writer = new MmdbWriter(Metadata());
        writer.Insert("198.51.0.0/16", new Dictionary<string, object> { ["name"] = "wide" });
        writer.Insert("198.51.100.0/24", new Dictionary<string, object> { ["name"] = "narrow" });
        writer.Insert("2001:db8::/32", new Dictionary<string, object> { ["name"] = "v6" });

        using var reader = Open(writer, out _);

        Assert.Equal("narrow", reader.Find<Dictionary<string, object>>(IPAddress.Parse("198.51.100.7"), out var p1)!["name"]);
        Assert.Equal(24, p1);
        Assert.Equal("wide", reader.Find<Dictionary<string, object>>(IPAddress.Parse("198.51.99.255"), out var p2)!["name"]);
        Assert.Equal(22, p2);      // the /16 was split around the /24: 198.51.96.0/22 is the record that answers
        Assert.Equal("wide", reader.Find<Dictionary<string, object>>(IPAddress.Parse("198.51.101.0"))!["name"]);
        Assert.Equal("v6", reader.Find<Dictionary<string, object>>(IPAddress.Parse("2001:db8:ffff::1"), out var p3)!["name"]);
        Assert.Equal(32, p3);
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("198.52.0.0")));
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("2001:db9::1")));
    }

    [Fact]
    public void Ipv4_mapped_and_6to4_addresses_reach_the_ipv4_subtree_like_in_MaxMinds_databases()
    {
        var writer = new MmdbWriter(Metadata());
        writer.Insert("203.0.113.0/24", new Dictionary<string, object> { ["name"] = "doc3" });

        using var reader = Open(writer, out _);

        Assert.Equal("doc3", reader.Find<Dictionary<string, object>>(IPAddress.Parse("::ffff:203.0.113.9"))!["name"]);
        Assert.Equal("doc3", reader.Find<Dictionary<string, object>>(IPAddress.Parse("2002:cb00:7109::1"))!["name"]);
        Assert.Equal("doc3", reader.Find<Dictionary<string, object>>(IPAddress.Parse("::203.0.113.9"))!["name"]);
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("::ffff:203.0.114.1")));
    }

    [Fact]
    public void Identical_records_are_stored_once_and_repeated_strings_become_pointers()
    {
        var a = new MmdbWriter(Metadata());
        var b = new MmdbWriter(Metadata());
        var shared = new Dictionary<string, object> { ["autonomous_system_organization"] = "A long organisation name, Inc.", ["autonomous_system_number"] = 64496u };
        for (var i = 0; i < 50; i++)
        {
            a.Insert($"192.0.2.{i}/32", shared);
            b.Insert($"192.0.2.{i}/32", new Dictionary<string, object>
            {
                ["autonomous_system_organization"] = "A long organisation name, Inc.",
                ["autonomous_system_number"] = (uint)(64496 + i),
            });
        }

        using var readerA = Open(a, out var layoutA);
        using var readerB = Open(b, out var layoutB);

        Assert.Equal(1, a.RecordCount);
        Assert.Equal(50, b.RecordCount);
        // Only the number differs per record in b: the key and organisation strings are pointers after the first record.
        Assert.True(layoutB.DataBytes < 100 + 50 * 20, $"data section {layoutB.DataBytes} bytes");
        for (var i = 0; i < 50; i++)
        {
            var found = readerB.Find<Dictionary<string, object>>(IPAddress.Parse($"192.0.2.{i}"))!;
            Assert.Equal("A long organisation name, Inc.", found["autonomous_system_organization"]);
            Assert.Equal(64496L + i, Convert.ToInt64(found["autonomous_system_number"], System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal("A long organisation name, Inc.", readerA.Find<Dictionary<string, object>>(IPAddress.Parse("192.0.2.49"))!["autonomous_system_organization"]);
        Assert.True(layoutA.DataBytes < layoutB.DataBytes);
    }

    [Fact]
    public void Many_records_need_pointers_of_every_size_and_still_read_back()
    {
        // 3000 distinct records of ~300 bytes, each pointing back at the previous record's name: the pointed-to
        // offsets pass 2048 and 526336, so pointers of the 11-, 19- and 27-bit sizes are all written.
        static string Name(int i) => $"record {i} " + new string((char)('a' + (i % 26)), 300);
        var writer = new MmdbWriter(Metadata());
        for (var i = 0; i < 3_000; i++)
        {
            writer.Insert(new IPAddress(new byte[] { 100, 64, (byte)(i >> 8), (byte)i }), 32, new Dictionary<string, object>
            {
                ["name"] = Name(i),
                ["previous"] = i == 0 ? "none" : Name(i - 1),
                ["shared"] = "a string every record points back to",
            });
        }

        using var reader = Open(writer, out var layout);

        Assert.True(layout.DataBytes > 526_336 + 300, $"data section {layout.DataBytes} bytes");
        foreach (var i in new[] { 0, 1, 7, 1_000, 1_999, 2_999 })
        {
            var found = reader.Find<Dictionary<string, object>>(new IPAddress(new byte[] { 100, 64, (byte)(i >> 8), (byte)i }))!;
            Assert.Equal(Name(i), found["name"]);
            Assert.Equal(i == 0 ? "none" : Name(i - 1), found["previous"]);
            Assert.Equal("a string every record points back to", found["shared"]);
        }
    }

    [Fact]
    public void Metadata_is_what_MaxMinds_reader_reports()
    {
        var writer = new MmdbWriter(new MmdbMetadata
        {
            DatabaseType = "GeoLite2-Country",
            BuildEpoch = 1_748_851_200,
            Languages = ["en", "de"],
            Description = new Dictionary<string, string> { ["en"] = "English", ["de"] = "Deutsch" },
        });
        writer.Insert("192.0.2.0/24", new Dictionary<string, object> { ["x"] = 1u });

        using var reader = Open(writer, out var layout);
        var metadata = reader.Metadata;

        Assert.Equal("GeoLite2-Country", metadata.DatabaseType);
        Assert.Equal(new DateTime(2025, 6, 2, 8, 0, 0, DateTimeKind.Utc), metadata.BuildDate);
        Assert.Equal(new[] { "en", "de" }, metadata.Languages);
        Assert.Equal("Deutsch", metadata.Description["de"]);
        Assert.Equal(6, metadata.IPVersion);
        Assert.Equal(2, metadata.BinaryFormatMajorVersion);
        Assert.Equal(0, metadata.BinaryFormatMinorVersion);
        Assert.Equal(layout.NodeCount, Convert.ToInt64(InternalProperty(metadata, "NodeCount"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(layout.RecordSize, Convert.ToInt32(InternalProperty(metadata, "RecordSize"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(layout.NodeCount * 6L, layout.TreeBytes);
    }

    [Fact]
    public void The_same_inserts_give_the_same_bytes_and_insert_after_write_is_refused()
    {
        static (MmdbWriter Writer, byte[] Bytes) Build()
        {
            var writer = new MmdbWriter(Metadata());
            writer.Insert("2001:db8::/48", new Dictionary<string, object> { ["b"] = "2", ["a"] = "1" });
            writer.Insert("192.0.2.0/25", new Dictionary<string, object> { ["a"] = "1", ["b"] = "2" });
            var stream = new MemoryStream();
            writer.Write(stream);
            return (writer, stream.ToArray());
        }

        var (writer, first) = Build();
        var (_, second) = Build();

        Assert.Equal(first, second);
        Assert.Equal(1, writer.RecordCount);                 // key order does not make a different record
        Assert.Throws<InvalidOperationException>(() => writer.Insert("192.0.2.128/25", new Dictionary<string, object>()));
    }

    [Theory]
    [InlineData("192.0.2.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("not-an-address/8")]
    [InlineData("192.0.2.0/-1")]
    public void Bad_networks_are_refused(string cidr)
        => Assert.Throws<FormatException>(() => MmdbWriter.ParseCidr(cidr));

    private static object? InternalProperty(object target, string name)
        => target.GetType().GetProperty(name, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)?.GetValue(target)
           ?? throw new InvalidOperationException($"MaxMind.Db.Metadata has no {name}");

    private static IPAddress LastAddress(IPAddress network, int prefix)
    {
        var bytes = network.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }
        return new IPAddress(bytes);
    }
}
