namespace TrafficWatch.Detection;

/// <summary>
/// The fixed identity of one detection rule: its name, the stable EVE <c>signature_id</c>, a short title,
/// a category and a severity. See <see cref="AlertRules"/> for the catalogue.
/// </summary>
public sealed record AlertRule(string Rule, int SignatureId, string Signature, string Category, AlertSeverity Severity);
