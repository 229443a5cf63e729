namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// The device-class rules of <c>signatures/classes.yaml</c> (see the comments in that file for the format).
/// Immutable and thread-safe once loaded.
/// </summary>
public sealed class ClassRules
{
    /// <summary>File name inside the signatures directory.</summary>
    public const string FileName = "classes.yaml";

    private readonly Dictionary<(byte, ushort), List<ClassRule>> _byPort = [];
    private readonly Dictionary<string, List<ClassRule>> _byMdnsService = new(StringComparer.OrdinalIgnoreCase);

    internal ClassRules(double vendorWeight, double vendorSecondaryWeight, double routerWeight, double unansweredServiceFactor,
        IReadOnlyList<ClassRule> rules)
    {
        VendorWeight = vendorWeight;
        VendorSecondaryWeight = vendorSecondaryWeight;
        RouterWeight = routerWeight;
        UnansweredServiceFactor = unansweredServiceFactor;
        Rules = rules;
        foreach (var rule in rules)
        {
            switch (rule.Section)
            {
                case ClassRuleSections.Services:
                    foreach (var port in rule.Ports)
                    {
                        if (!_byPort.TryGetValue(port, out var list))
                        {
                            _byPort[port] = list = [];
                        }
                        list.Add(rule);
                    }
                    break;
                case ClassRuleSections.Mdns:
                    if (!_byMdnsService.TryGetValue(rule.Text, out var services))
                    {
                        _byMdnsService[rule.Text] = services = [];
                    }
                    services.Add(rule);
                    break;
            }
        }
        DhcpVendorClass = [.. rules.Where(static r => r.Section == ClassRuleSections.DhcpVendorClass)];
        Names = [.. rules.Where(static r => r.Section == ClassRuleSections.Names)];
        Ssdp = [.. rules.Where(static r => r.Section == ClassRuleSections.Ssdp)];
        UserAgent = [.. rules.Where(static r => r.Section == ClassRuleSections.UserAgent)];
    }

    /// <summary>No rules: only vendor hints (weight 0.4) and router detection (0.9) classify.</summary>
    public static ClassRules Empty { get; } = new(0.4, 0.3, 0.9, 0.5, []);

    /// <summary>Weight of the first class hint of the device's vendor (vendors.yaml <c>classes:</c>).</summary>
    public double VendorWeight { get; }

    /// <summary>Weight of the vendor's further class hints.</summary>
    public double VendorSecondaryWeight { get; }

    /// <summary>Weight of router evidence (class network).</summary>
    public double RouterWeight { get; }

    /// <summary>Factor applied to a service rule's weight when the device was contacted on the port but never seen answering.</summary>
    public double UnansweredServiceFactor { get; }

    /// <summary>Every rule, in file order.</summary>
    public IReadOnlyList<ClassRule> Rules { get; }

    internal IReadOnlyList<ClassRule> DhcpVendorClass { get; }
    internal IReadOnlyList<ClassRule> Names { get; }
    internal IReadOnlyList<ClassRule> Ssdp { get; }
    internal IReadOnlyList<ClassRule> UserAgent { get; }

    /// <summary>True when some <c>services</c> rule names the port (such ports are always recorded on devices).</summary>
    public bool HasServiceRule(byte protocol, ushort port) => _byPort.ContainsKey((protocol, port));

    internal IReadOnlyList<ClassRule> ServiceRules(byte protocol, ushort port)
        => _byPort.TryGetValue((protocol, port), out var rules) ? rules : [];

    internal IReadOnlyList<ClassRule> MdnsRules(string serviceType)
        => _byMdnsService.TryGetValue(serviceType, out var rules) ? rules : [];

    /// <summary>Loads and validates <paramref name="path"/>; errors throw <see cref="SignatureFormatException"/> (all listed).</summary>
    public static ClassRules Load(string path)
    {
        var problems = new List<SignatureProblem>();
        var rules = ClassRulesLoader.LoadFile(path, problems);
        ThrowOnErrors(path, problems);
        return rules;
    }

    /// <summary>As <see cref="Load"/>, from text; <paramref name="fileName"/> is used in messages.</summary>
    public static ClassRules Parse(string yaml, string fileName)
    {
        var problems = new List<SignatureProblem>();
        using var reader = new StringReader(yaml);
        var rules = ClassRulesLoader.Read(reader, fileName, problems);
        ThrowOnErrors(fileName, problems);
        return rules;
    }

    private static void ThrowOnErrors(string fileName, List<SignatureProblem> problems)
    {
        var errors = problems.Where(static p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            return;
        }
        var message = string.Join(Environment.NewLine, errors.Select(static (e, i) => i == 0 ? e.Message : e.ToString()));
        throw new SignatureFormatException(fileName, errors[0].Line, message);
    }
}
