namespace TrafficWatch.Detection;

/// <summary>
/// <c>cleartext-management</c>: a restricted device logs in to an external address with a protocol that sends the
/// password unencrypted: telnet (TCP 23), FTP (TCP 21) or HTTP Basic authentication. Judged once per flow, on its
/// first interval update or its end (the HTTP request has been seen by then).
/// </summary>
public sealed class CleartextManagementDetector : IDetector
{
    private const byte Tcp = 6;

    private readonly int[] _tcpPorts;
    private readonly CleartextManagementOptions _options;
    private readonly FlowDecisions _decided;
    private readonly DeviceAlertBudget _budget;

    public CleartextManagementDetector(CleartextManagementOptions options)
    {
        options.Validate();
        _options = options;
        _tcpPorts = options.EffectiveTcpPorts;
        _decided = new FlowDecisions(options.MaxTrackedFlows);
        _budget = new DeviceAlertBudget(options.MaxAlertsPerDevicePerHour, 10_000);
    }

    /// <summary>Alerts not raised because the device had already raised <c>MaxAlertsPerDevicePerHour</c> this hour.</summary>
    public long Withheld => _budget.Withheld;

    public string Rule => AlertRules.CleartextManagement.Rule;

    public int TrackedFlows => _decided.Count;

    public void OnFlow(FlowFacts flow, IAlertSink alerts)
    {
        if (!_options.Enabled || flow.Kind == FlowFactsKind.Start || !flow.DeviceRestricted || !flow.DestinationIsExternal
            || !flow.DeviceIsInitiator)
        {
            return;
        }
        var destination = flow.Destination;
        string? what = null;
        if (destination.Protocol == Tcp && Array.IndexOf(_tcpPorts, destination.Port) >= 0)
        {
            what = destination.Port switch
            {
                23 => "telnet",
                21 => "FTP",
                _ => $"an unencrypted login protocol (TCP port {destination.Port})",
            };
        }
        else if (_options.HttpBasicAuth && flow.App is { HttpBasicAuth: true })
        {
            what = "a web request with a password in clear text (HTTP Basic authentication)";
        }
        if (what is null || !_decided.TryClaim(flow))
        {
            return;
        }
        if (!_budget.TryTake(flow.Device.Mac.Value, flow.Time.Nanoseconds))
        {
            return;
        }
        var explanation = $"{AlertText.Device(flow.Device)} used {what} to {AlertText.Destination(destination, withPort: true)}; "
            + "anyone on the path can read the password, and restricted devices should not be managed from the internet at all.";
        alerts.OnAlert(AlertText.Create(AlertRules.CleartextManagement, flow.Time, flow.Device, explanation) with
        {
            Destination = destination,
            BytesOut = flow.BytesOut,
            BytesIn = flow.BytesIn,
            FirstSeen = flow.FlowStart,
            LastSeen = flow.Time,
            FlowId = flow.FlowId,
            Advice = "Change the device's passwords, turn off the unencrypted service, and find out who set up this connection.",
        });
    }
}
