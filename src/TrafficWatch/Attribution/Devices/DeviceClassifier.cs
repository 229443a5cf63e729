namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// Chooses a <see cref="DeviceClass"/> for a device from what it has shown, with the evidence behind it.
/// Deterministic: the same observations give the same result. Each rule counts at most once per device (the
/// first matching value in observation order); evidence for a class combines as 1 − Π(1 − weight); the class
/// with the highest score wins (ties go to the earlier class in <see cref="DeviceClass"/> order); confidence is
/// the winner's score × (1 − runner-up's score / 2).
/// </summary>
public sealed class DeviceClassifier(ClassRules rules)
{
    private static readonly int s_classCount = DeviceClassNames.All.Count;

    public ClassRules Rules { get; } = rules;

    public DeviceClassification Classify(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var evidence = new List<ClassEvidence>();
        foreach (var reason in device.RouterReasonList)
        {
            evidence.Add(new ClassEvidence(EvidenceKinds.Router, reason, DeviceClass.Network, Rules.RouterWeight, "router detection"));
        }
        if (device.Vendor is { } vendor)
        {
            var first = true;
            foreach (var hint in vendor.Classes)
            {
                if (hint == DeviceClass.Unknown)
                {
                    continue;
                }
                evidence.Add(new ClassEvidence(EvidenceKinds.Vendor, $"{device.Organization} ({vendor.Id})", hint,
                    first ? Rules.VendorWeight : Rules.VendorSecondaryWeight, $"{VendorSignatures.FileName}:{vendor.Line}"));
                first = false;
            }
        }
        var used = new HashSet<ClassRule>(ReferenceEqualityComparer.Instance);
        // Answered services first, so a rule is credited at full weight when any of its ports answered.
        foreach (var service in device.ServiceList.Where(static s => s.Answered).Concat(device.ServiceList.Where(static s => !s.Answered)))
        {
            foreach (var rule in Rules.ServiceRules(service.Protocol, service.Port))
            {
                if (used.Add(rule))
                {
                    var weight = service.Answered ? rule.Weight : rule.Weight * Rules.UnansweredServiceFactor;
                    var value = service.Answered ? $"{service} ({rule.Text})" : $"{service} ({rule.Text}, contacted, no answer seen)";
                    evidence.Add(new ClassEvidence(EvidenceKinds.Service, value, rule.Class, weight, rule.Reference));
                }
            }
        }
        Match(EvidenceKinds.DhcpVendorClass, device.VendorClassList, Rules.DhcpVendorClass, used, evidence);
        Match(EvidenceKinds.Name, device.NameList.Select(static n => n.Value), Rules.Names, used, evidence);
        foreach (var service in device.MdnsServiceList)
        {
            foreach (var rule in Rules.MdnsRules(service))
            {
                if (used.Add(rule))
                {
                    evidence.Add(new ClassEvidence(EvidenceKinds.Mdns, service, rule.Class, rule.Weight, rule.Reference));
                }
            }
        }
        Match(EvidenceKinds.Ssdp, device.SsdpTypeList.Concat(device.SsdpServerList), Rules.Ssdp, used, evidence);
        Match(EvidenceKinds.UserAgent, device.UserAgentList, Rules.UserAgent, used, evidence);
        return Decide(evidence);
    }

    /// <summary>Combines <paramref name="evidence"/> into a classification (exposed for explanations and tests).</summary>
    public static DeviceClassification Decide(IReadOnlyList<ClassEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Count == 0)
        {
            return DeviceClassification.Unknown;
        }
        Span<double> remaining = stackalloc double[s_classCount];
        remaining.Fill(1.0);
        foreach (var item in evidence)
        {
            remaining[(int)item.Class] *= 1 - item.Weight;
        }
        var best = DeviceClass.Unknown;
        double bestScore = 0, secondScore = 0;
        for (var c = 1; c < s_classCount; c++)
        {
            var score = 1 - remaining[c];
            if (score > bestScore)
            {
                secondScore = bestScore;
                bestScore = score;
                best = (DeviceClass)c;
            }
            else if (score > secondScore)
            {
                secondScore = score;
            }
        }
        var confidence = Math.Round(bestScore * (1 - secondScore / 2), 3, MidpointRounding.AwayFromZero);
        var ordered = evidence
            .OrderBy(e => e.Class == best ? 0 : 1)
            .ThenByDescending(static e => e.Weight)
            .ThenBy(static e => e.Kind, StringComparer.Ordinal)
            .ThenBy(static e => e.Value, StringComparer.Ordinal)
            .ToList();
        return new DeviceClassification(best, confidence, ordered);
    }

    private static void Match(string kind, IEnumerable<string> values, IReadOnlyList<ClassRule> rules, HashSet<ClassRule> used,
        List<ClassEvidence> evidence)
    {
        foreach (var value in values)
        {
            foreach (var rule in rules)
            {
                if (!used.Contains(rule) && rule.IsMatch(value))
                {
                    used.Add(rule);
                    evidence.Add(new ClassEvidence(kind, value, rule.Class, rule.Weight, rule.Reference));
                }
            }
        }
    }
}
