namespace TrafficWatch.Detection.Policy;

/// <summary>
/// The outcome of <see cref="PolicySet.Evaluate"/>. Every string is precomputed when the policy loads, so a
/// decision allocates nothing.
/// </summary>
/// <param name="Action">Allow, Deny or NotRestricted.</param>
/// <param name="Scope">The scope whose rule or default decided.</param>
/// <param name="Rule">The rule that matched, or null when the scope's default action decided.</param>
/// <param name="PolicyLine">The deciding line as <c>file:line: text</c> (for <c>Alert.PolicyLine</c>).</param>
/// <param name="Reason">A plain-English fragment for explanations, e.g. "cameras may only talk to internal addresses and the council's DNS/NTP servers".</param>
public readonly record struct PolicyDecision(PolicyAction Action, PolicyScope Scope, PolicyRule? Rule, string PolicyLine, string Reason)
{
    public bool IsDenied => Action == PolicyAction.Deny;
}
