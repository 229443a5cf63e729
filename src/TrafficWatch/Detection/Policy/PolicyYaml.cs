using TrafficWatch.Attribution;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TrafficWatch.Detection.Policy;

/// <summary>
/// Shared plumbing for the policy, MUD and suppression loaders: reads a file through YamlDotNet's representation
/// model (JSON is YAML too, so MUD files get line numbers the same way) and records findings as <c>file:line</c>.
/// </summary>
internal sealed class PolicyYaml
{
    private readonly string[] _lines;
    private readonly List<SignatureProblem> _problems;

    private PolicyYaml(string file, string display, string text, List<SignatureProblem> problems)
    {
        File = file;
        Display = display;
        _lines = text.Split('\n');
        _problems = problems;
    }

    /// <summary>The path as given (used in problems).</summary>
    public string File { get; }

    /// <summary>The short name used in rule sources, e.g. <c>policy.yaml</c>.</summary>
    public string Display { get; }

    public int ErrorCount { get; private set; }

    /// <summary>Where findings go (shared with nested loaders such as MUD import).</summary>
    public List<SignatureProblem> Problems => _problems;

    public List<SignatureProblem> Warnings { get; } = [];

    /// <summary>Reads and parses <paramref name="path"/>; null (with an error) when it cannot be read or parsed.</summary>
    public static (PolicyYaml Yaml, YamlNode? Root) Open(string path, string display, List<SignatureProblem> problems, string what)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var failed = new PolicyYaml(path, display, string.Empty, problems);
            failed.Error(0, $"cannot read {what}: {ex.Message}");
            return (failed, null);
        }
        return Parse(text, path, display, problems);
    }

    public static (PolicyYaml Yaml, YamlNode? Root) Parse(string text, string file, string display, List<SignatureProblem> problems)
    {
        var yaml = new PolicyYaml(file, display, text, problems);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            yaml.Error(ex.Start, StripMark(ex));
            return (yaml, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            yaml.Error(scanner.CurrentPosition,
                $"YAML syntax error: the parser stopped here; look for an unclosed '[', '{{' or quote on this or an earlier line ({ex.Message})");
            return (yaml, null);
        }
        if (stream.Documents.Count == 0)
        {
            yaml.Error(0, "the file is empty");
            return (yaml, null);
        }
        if (stream.Documents.Count > 1)
        {
            yaml.Error(stream.Documents[1].RootNode.Start, "only one YAML document is allowed");
        }
        return (yaml, stream.Documents[0].RootNode);
    }

    public void Error(Mark at, string message) => Error(LineOf(at), message);

    public void Error(int line, string message)
    {
        ErrorCount++;
        _problems.Add(new SignatureProblem(File, line, ProblemSeverity.Error, message));
    }

    public void Warning(Mark at, string message)
    {
        var problem = new SignatureProblem(File, LineOf(at), ProblemSeverity.Warning, message);
        _problems.Add(problem);
        Warnings.Add(problem);
    }

    /// <summary>The source line of <paramref name="at"/>, trimmed, without a trailing comment.</summary>
    public string TextAt(Mark at)
    {
        var line = LineOf(at);
        return line >= 1 && line <= _lines.Length ? StripComment(_lines[line - 1]).Trim() : string.Empty;
    }

    /// <summary><c>display:line: text</c> for a node.</summary>
    public string SourceOf(Mark at) => $"{Display}:{LineOf(at)}: {TextAt(at)}";

    public static int LineOf(Mark at) => (int)Math.Max(at.Line, 0);

    public static string? Key(YamlNode node) => (node as YamlScalarNode)?.Value;

    public static string? ScalarOrNull(YamlNode node)
        => node is YamlScalarNode scalar && !IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value) ? scalar.Value.Trim() : null;

    public static bool IsNull(YamlNode node)
        => node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>A scalar or a list of scalars; reports anything else. An empty/null value gives nothing.</summary>
    public IEnumerable<(string Text, Mark At)> Strings(YamlNode value, string what)
    {
        if (IsNull(value))
        {
            yield break;
        }
        if (value is YamlScalarNode)
        {
            var single = ScalarOrNull(value);
            if (single is null)
            {
                Error(value.Start, $"{what} must not be empty");
                yield break;
            }
            yield return (single, value.Start);
            yield break;
        }
        if (value is not YamlSequenceNode sequence)
        {
            Error(value.Start, $"{what} must be a value or a list of values");
            yield break;
        }
        foreach (var item in sequence.Children)
        {
            var text = ScalarOrNull(item);
            if (text is null)
            {
                Error(item.Start, $"{what}: entries must be non-empty strings");
                continue;
            }
            yield return (text, item.Start);
        }
    }

    /// <summary>Drops a <c> # comment</c> that is outside quotes.</summary>
    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }
        return line.TrimEnd('\r');
    }

    // YamlException.Message is "(Line: 3, Col: 5, Idx: 40) - (Line: 3, Col: 6, Idx: 41): text"; keep the text.
    private static string StripMark(YamlException ex)
    {
        var message = ex.Message;
        var cut = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return "YAML syntax error: " + (cut < 0 ? message : message[(cut + 3)..]);
    }
}
