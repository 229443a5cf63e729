namespace TrafficWatch.Attribution.Devices;

/// <summary>One reason for a class: what was observed, the class it points to and how much it counts.</summary>
/// <param name="Kind">See <see cref="EvidenceKinds"/>.</param>
/// <param name="Value">The observed value (faithful wire text for names; escape it for display).</param>
/// <param name="Class">The class this evidence supports.</param>
/// <param name="Weight">0..1; evidence for one class is combined as 1 - Π(1 - weight).</param>
/// <param name="Rule">The rule that matched, e.g. <c>classes.yaml:57</c>, or <c>vendors.yaml</c>.</param>
public sealed record ClassEvidence(string Kind, string Value, DeviceClass Class, double Weight, string Rule);
