using TrafficWatch.Detection.Policy;

namespace TrafficWatch.Detection;

/// <summary>
/// The policy findings about where a device talks, judged once per flow as soon as the destination is known:
/// at the first packet when a DNS answer named it (or it needs no name), otherwise at the first update, once the
/// TLS SNI or HTTP Host has been seen. One finding per flow, in this order of precedence:
/// <list type="number">
/// <item><c>vendor-cloud</c>: the destination is a vendor's cloud/P2P service (signatures), a decision councils must
/// take explicitly — named separately from other unapproved destinations;</item>
/// <item><c>restricted-country</c>: the destination's country is on the policy's restricted list;</item>
/// <item><c>unapproved-destination</c>: the device is restricted and its policy denies this destination.</item>
/// </list>
/// A policy rule that explicitly allows the destination silences all three (the council has decided).
/// </summary>
public sealed class DestinationPolicyDetector : IDetector
{
    private readonly DestinationPolicyOptions _options;
    private readonly PolicySet _policy;
    private readonly FlowDecisions _decided;

    public DestinationPolicyDetector(DestinationPolicyOptions options, PolicySet policy)
    {
        _options = options;
        _policy = policy;
        _decided = new FlowDecisions(options.MaxTrackedFlows);
    }

    public string Rule => "destination-policy";

    public void OnFlow(FlowFacts flow, IAlertSink alerts)
    {
        if (!flow.DestinationIsExternal || !flow.DeviceIsInitiator)
        {
            return;
        }
        var named = flow.Destination.Name is not null;
        var mayGetName = flow.Destination.Protocol == 6 && flow.Kind == FlowFactsKind.Start;
        if ((!named && mayGetName) || !_decided.TryClaim(flow))
        {
            return;                                             // wait for SNI / Host on the first update; judged once
        }
        var decision = flow.Policy;
        if (decision is { Action: PolicyAction.Allow, Rule: not null })
        {
            return;                                             // explicitly allowed by the council
        }
        var alert = Judge(flow, decision);
        if (alert is not null)
        {
            alerts.OnAlert(alert);
        }
    }

    private Alert? Judge(FlowFacts flow, PolicyDecision? decision)
    {
        var device = AlertText.Device(flow.Device);
        var destination = AlertText.Destination(flow.Destination, withPort: true);
        if (_options.VendorCloud && flow.VendorCloud is { } vendor && flow.DeviceRestricted)
        {
            return Build(AlertRules.VendorCloud, flow, decision,
                $"{device} connected to {destination}, a cloud service of {AlertText.VendorName(vendor)}; "
                + $"{AlertText.ClassPlural(flow.Device.Class)} on this network are not approved to use vendor clouds, which can carry video and device data abroad.",
                "Decide whether this vendor service is needed. If it is, allow its domain in policy.yaml; if not, turn off the cloud/P2P feature on the device and block the domain.");
        }
        if (_options.RestrictedCountry && _policy.IsRestrictedCountry(flow.Destination.Country)
            && (flow.DeviceRestricted || _options.RestrictedCountryForAllDevices))
        {
            var source = _policy.RestrictedCountriesSource ?? "the built-in restricted-country list";
            return Build(AlertRules.RestrictedCountry, flow, decision,
                $"{device} connected to {destination}, which is in {flow.Destination.Country}, a country on the restricted list ({source}).",
                "Find out what the device sends there; unless the supplier can justify it, block the destination and raise it with the supplier.");
        }
        if (_options.UnapprovedDestination && flow.DeviceRestricted && decision is { IsDenied: true } denied)
        {
            return Build(AlertRules.UnapprovedDestination, flow, decision,
                $"{device} connected to {destination}, which its policy does not allow: {denied.Reason}.",
                "Check whether this connection is needed; if it is, add the destination to policy.yaml, otherwise block it at the firewall.");
        }
        return null;
    }

    private static Alert Build(AlertRule rule, FlowFacts flow, PolicyDecision? decision, string explanation, string advice)
        => AlertText.Create(rule, flow.Time, flow.Device, explanation) with
        {
            Destination = flow.Destination,
            BytesOut = flow.BytesOut,
            BytesIn = flow.BytesIn,
            FirstSeen = flow.FlowStart,
            LastSeen = flow.Time,
            FlowId = flow.FlowId,
            PolicyLine = string.IsNullOrEmpty(decision?.PolicyLine) ? null : decision.Value.PolicyLine,
            Advice = advice,
        };
}
