using System.Globalization;
using TrafficWatch.Decode;

namespace TrafficWatch.Detection;

/// <summary>
/// <c>new-destination</c>: after a learning period, a device contacts a destination that no device of its class
/// has used before. A destination is the registered domain of its name when the name is known (DNS, SNI or HTTP
/// Host: <c>a7.cdn.example.com</c> counts as <c>example.com</c>, so CDNs do not look new every day), else the
/// address's /24 (IPv4) or /48 (IPv6) network, plus protocol and port. The explanation gives the fleet prevalence:
/// how many devices of the class use the destination, out of how many seen.
/// Judged once per flow: at its start when the name is already known from DNS, else at its first update or end.
/// </summary>
public sealed class NewDestinationDetector : IDetector
{
    private readonly NewDestinationOptions _options;
    private readonly BoundedStateTable<string, ClassDestinations> _classes;
    private readonly FlowDecisions _decided;
    private readonly DeviceAlertBudget _budget;
    private readonly long _learningNs;
    private long _creatingAt;

    public NewDestinationDetector(NewDestinationOptions options)
    {
        options.Validate();
        _options = options;
        _classes = new BoundedStateTable<string, ClassDestinations>(options.MaxClasses);
        _decided = new FlowDecisions(options.MaxTrackedFlows);
        _budget = new DeviceAlertBudget(options.MaxAlertsPerDevicePerHour, 10_000);
        _learningNs = options.LearningSeconds * PacketTime.NanosPerSecond;
    }

    /// <summary>Alerts not raised because the device had already raised <c>MaxAlertsPerDevicePerHour</c> this hour.</summary>
    public long Withheld => _budget.Withheld;

    public string Rule => AlertRules.NewDestination.Rule;

    /// <summary>Destinations remembered, over all classes.</summary>
    public int TrackedDestinations => _classes.Values.Sum(static c => c.Destinations.Count);

    /// <summary>Devices remembered, over all classes.</summary>
    public int TrackedDevices => _classes.Values.Sum(static c => c.Devices.Count);

    public void OnFlow(FlowFacts flow, IAlertSink alerts)
    {
        if (!_options.Enabled || (_options.RestrictedOnly && !flow.DeviceRestricted)
            || (_options.ExternalOnly && !flow.DestinationIsExternal) || !flow.DeviceIsInitiator)
        {
            return;
        }
        var name = WireNames.Of(flow);
        if ((name is null && flow.Kind == FlowFactsKind.Start) || !_decided.TryClaim(flow))
        {
            return;
        }
        var now = flow.Time.Nanoseconds;
        _creatingAt = now;
        var cls = _classes.GetOrAdd(flow.Device.Class, now, static d => new ClassDestinations(
            d._creatingAt, d._options.MaxDestinationsPerClass, d._options.MaxDevicesPerClass), this, out _);
        var mac = flow.Device.Mac.Value;
        cls.Devices.GetOrAdd(mac, now, static _ => new TrackedState(), 0, out _);

        var key = Key(flow, name);
        var users = cls.Destinations.GetOrAdd(key, now, static _ => new DestinationUsers(), 0, out var added);
        if (users.Devices.Count < _options.MaxDevicesPerDestination)
        {
            users.Devices.Add(mac);
        }
        if (!added || now - cls.LearningStart < _learningNs)
        {
            return;
        }
        if (!_budget.TryTake(flow.Device.Mac.Value, flow.Time.Nanoseconds))
        {
            return;
        }
        var device = flow.Device;
        var plural = AlertText.ClassPlural(device.Class);
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"{AlertText.Device(device)} contacted {AlertText.Destination(flow.Destination, withPort: true)}, a destination none of the {plural} used "
            + $"during the {LearningText()} learning period; {users.Devices.Count} of the {cls.Devices.Count} {plural} seen so far use it.");
        alerts.OnAlert(AlertText.Create(AlertRules.NewDestination, flow.Time, device, explanation) with
        {
            Destination = flow.Destination,
            BytesOut = flow.BytesOut,
            BytesIn = flow.BytesIn,
            FirstSeen = flow.FlowStart,
            LastSeen = flow.Time,
            FlowId = flow.FlowId,
            Advice = "If the change is expected (new firmware, new service), no action is needed; otherwise ask the supplier what it is.",
        });
    }

    private string LearningText() => _options.LearningSeconds % 3_600 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{_options.LearningSeconds / 3_600}-hour")
        : AlertText.Duration(_options.LearningSeconds);

    /// <summary>"example.com 6/443" or "203.0.113.0/24 17/123".</summary>
    internal static string Key(FlowFacts flow, string? name)
    {
        var d = flow.Destination;
        string where;
        if (name is not null)
        {
            var colon = name.IndexOf(':');                          // an HTTP Host may carry a port
            where = RegisteredDomain.Of(AlertText.Bound(colon > 0 && colon == name.LastIndexOf(':') ? name[..colon] : name, 253));
        }
        else if (IpAddr.IsIPv4(d.Address))
        {
            where = IpAddr.ToString(d.Address & ~(UInt128)0xFF) + "/24";
        }
        else
        {
            var mask = ~(UInt128)0 << 80;
            where = IpAddr.ToString(d.Address & mask) + "/48";
        }
        return string.Create(CultureInfo.InvariantCulture, $"{where} {d.Protocol}/{d.Port}");
    }
}
