using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Enrichment;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Eve;
using TrafficWatch.Outputs.Report;

namespace TrafficWatch.Pipeline;

/// <summary>
/// Gathers what a forensic report needs while a run goes on (flow thread): bytes over time per zone and device,
/// outbound bytes per country, and each device's external destinations (bounded). After the run,
/// <see cref="Build"/> makes the <see cref="ReportData"/> from it, the inventory and the alerts.
/// </summary>
public sealed class ReportCollector
{
    public const int MaxDestinationsPerDevice = 256;
    public const int MaxDestinations = 100_000;

    private readonly ReportSeriesBuilder _series;
    private readonly Dictionary<DeviceKey, Dictionary<(UInt128 Address, ushort Port), Ledger>> _destinations = [];
    private int _destinationCount;

    public ReportCollector(int seriesIntervalSeconds = 60) => _series = new ReportSeriesBuilder(seriesIntervalSeconds);

    /// <summary>Destinations not recorded because a bound was reached.</summary>
    public long DroppedDestinations { get; private set; }

    public void Observe(FlowFacts facts)
    {
        var bytes = facts.DeltaBytesOut + facts.DeltaBytesIn;
        if (bytes > 0)
        {
            _series.Add(facts.Time, facts.Device.Mac, facts.Device.Zone, bytes);
        }
        if (!facts.DestinationIsExternal)
        {
            return;
        }
        _series.AddOutbound(facts.Destination.Country, facts.DeltaBytesOut);
        var key = new DeviceKey(facts.Device.Mac, facts.Device.Vlan);
        if (!_destinations.TryGetValue(key, out var perDevice))
        {
            _destinations[key] = perDevice = [];
        }
        var destinationKey = (facts.Destination.Address, facts.Destination.Port);
        if (!perDevice.TryGetValue(destinationKey, out var ledger))
        {
            if (perDevice.Count >= MaxDestinationsPerDevice || _destinationCount >= MaxDestinations)
            {
                DroppedDestinations++;
                return;
            }
            perDevice[destinationKey] = ledger = new Ledger(facts.Destination);
            _destinationCount++;
        }
        if (ledger.Destination.Name is null && facts.Destination.Name is not null)
        {
            ledger.Destination = facts.Destination;
        }
        ledger.BytesOut += facts.DeltaBytesOut;
        ledger.BytesIn += facts.DeltaBytesIn;
        if (facts.Kind == FlowFactsKind.End)
        {
            ledger.Flows++;
        }
    }

    public ReportData Build(MonitorSession session, PipelineStatistics stats, IReadOnlyList<string> inputs, string? evePath, AnalysisResources resources)
    {
        var devices = new List<ReportDevice>();
        foreach (var snapshot in session.Devices.Snapshot())
        {
            if (snapshot.IsRouter && snapshot.BytesOut == 0 && snapshot.BytesIn == 0)
            {
                continue;
            }
            var destinations = new List<ReportDestination>();
            if (_destinations.TryGetValue(new DeviceKey(snapshot.Mac, snapshot.Vlan), out var ledgers))
            {
                foreach (var ledger in ledgers.Values)
                {
                    var d = ledger.Destination;
                    destinations.Add(new ReportDestination
                    {
                        Address = d.Address,
                        Port = d.Port,
                        Name = d.Name,
                        NameSource = d.Name is null ? null : EveFlowSink.NameSourceName(d.NameSource),
                        Country = d.Country,
                        Asn = d.Asn,
                        AsnOrganization = d.AsnOrganization,
                        BytesOut = ledger.BytesOut,
                        BytesIn = ledger.BytesIn,
                        Flows = ledger.Flows,
                    });
                }
                destinations.Sort(static (a, b) => b.BytesOut != a.BytesOut ? b.BytesOut.CompareTo(a.BytesOut) : a.Address.CompareTo(b.Address));
            }
            var names = new List<string>();
            if (snapshot.Asset?.Name is { Length: > 0 } assetName)
            {
                names.Add(assetName);
            }
            foreach (var name in snapshot.Names)
            {
                if (!names.Contains(name.Value))
                {
                    names.Add(name.Value);
                }
            }
            var addresses = new List<UInt128>();
            foreach (var address in snapshot.Addresses)
            {
                addresses.Add(address.Address);
            }
            var evidence = new List<string>();
            foreach (var item in snapshot.Classification.Evidence)
            {
                evidence.Add(item.ToString());
            }
            devices.Add(new ReportDevice
            {
                Mac = snapshot.Mac,
                Vendor = snapshot.VendorId ?? snapshot.Organization,
                Class = snapshot.Class.ToName(),
                ClassConfidence = snapshot.Classification.Confidence,
                ClassEvidence = evidence,
                Names = names,
                Addresses = addresses,
                Vlan = snapshot.Vlan,
                Zone = snapshot.Zone,
                Registered = snapshot.Registered,
                FirstSeen = snapshot.FirstSeen,
                LastSeen = snapshot.LastSeen,
                BytesOut = snapshot.BytesOut,
                BytesIn = snapshot.BytesIn,
                ExternalDestinations = destinations,
            });
        }
        var flagged = new List<(MacAddress, string)>();
        var seen = new HashSet<MacAddress>();
        foreach (var alert in session.Alerts.Alerts)
        {
            if (seen.Add(alert.Device.Mac))
            {
                flagged.Add((alert.Device.Mac, alert.Device.Name is null ? alert.Device.Mac.ToString() : $"{alert.Device.Name} ({alert.Device.Mac})"));
            }
        }
        var geo = new List<ReportGeoDatabase>();
        foreach (var database in resources.Geo.Databases)
        {
            geo.Add(new ReportGeoDatabase { DatabaseType = database.DatabaseType, BuildTime = database.BuildDate });
        }
        return new ReportData
        {
            ToolVersion = ReportData.EngineVersion,
            Inputs = inputs,
            EvePath = evePath,
            FirstPacket = stats.Packets > 0 ? stats.FirstPacket : null,
            LastPacket = stats.Packets > 0 ? stats.LastPacket : null,
            Packets = stats.Packets,
            Bytes = stats.Bytes,
            DecodeErrors = stats.DecodeEvents.TotalAnomalies,
            Flows = stats.Flows?.NewFlows ?? 0,
            GeoIpDatabases = geo,
            SignaturesVersion = resources.SignaturesDirectory is null ? null : SignatureVersion(resources.SignaturesDirectory),
            Devices = devices,
            Alerts = session.Alerts.Alerts,
            Series = _series.Build(flagged),
        };
    }

    /// <summary>A short content hash of the signature files, so a report says exactly which rules judged it.</summary>
    public static string SignatureVersion(string directory)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private sealed class Ledger(AlertDestination destination)
    {
        public AlertDestination Destination { get; set; } = destination;
        public long BytesOut { get; set; }
        public long BytesIn { get; set; }
        public long Flows { get; set; }
    }
}
