namespace TrafficWatch.Detection;

/// <summary>
/// <c>direct-ip</c>: a restricted device connects to an external address it never resolved and sent no name for
/// (no DNS answer before the flow, no TLS SNI, no HTTP Host other than the address itself): the address is hard-coded, which is typical of malware
/// and of undocumented vendor back-channels. Judged once per flow, on its first interval update or its end (not
/// at its start: the SNI arrives after the first packet).
/// </summary>
public sealed class DirectIpDetector : IDetector
{
    private readonly int[] _ignoredPorts;
    private readonly int[] _protocols;
    private readonly DirectIpOptions _options;
    private readonly FlowDecisions _decided;
    private readonly DeviceAlertBudget _budget;

    public DirectIpDetector(DirectIpOptions options)
    {
        options.Validate();
        _options = options;
        _ignoredPorts = options.EffectiveIgnoredPorts;
        _protocols = options.EffectiveProtocols;
        _decided = new FlowDecisions(options.MaxTrackedFlows);
        _budget = new DeviceAlertBudget(options.MaxAlertsPerDevicePerHour, 10_000);
    }

    /// <summary>Alerts not raised because the device had already raised <c>MaxAlertsPerDevicePerHour</c> this hour.</summary>
    public long Withheld => _budget.Withheld;

    public string Rule => AlertRules.DirectIp.Rule;

    /// <summary>Flows whose verdict is remembered (bounded by <see cref="DirectIpOptions.MaxTrackedFlows"/>).</summary>
    public int TrackedFlows => _decided.Count;

    public void OnFlow(FlowFacts flow, IAlertSink alerts)
    {
        if (!_options.Enabled || flow.Kind == FlowFactsKind.Start || !flow.DeviceRestricted || !flow.DestinationIsExternal
            || !flow.DeviceIsInitiator || Array.IndexOf(_ignoredPorts, flow.Destination.Port) >= 0
            || Array.IndexOf(_protocols, flow.Destination.Protocol) < 0
            || !_decided.TryClaim(flow))
        {
            return;
        }
        if (WireNames.Of(flow) is not null)
        {
            return;
        }
        if (!_budget.TryTake(flow.Device.Mac.Value, flow.Time.Nanoseconds))
        {
            return;
        }
        var destination = flow.Destination;
        var explanation = $"{AlertText.Device(flow.Device)} connected to {AlertText.Destination(destination, withPort: true)} "
            + "without looking up a name or sending one, so the address is built into its software; hard-coded internet "
            + "addresses are typical of malware and of undocumented vendor services.";
        alerts.OnAlert(AlertText.Create(AlertRules.DirectIp, flow.Time, flow.Device, explanation) with
        {
            Destination = destination,
            BytesOut = flow.BytesOut,
            BytesIn = flow.BytesIn,
            FirstSeen = flow.FlowStart,
            LastSeen = flow.Time,
            FlowId = flow.FlowId,
            Advice = "Ask the supplier what this address is for; block it at the firewall if nobody can say.",
        });
    }
}
