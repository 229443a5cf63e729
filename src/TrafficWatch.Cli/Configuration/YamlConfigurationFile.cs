using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TrafficWatch.Cli.Configuration;

/// <summary>
/// Reads a YAML configuration file into flat <c>Section:Key</c> pairs for Microsoft.Extensions.Configuration.
/// Errors name the file and the line.
/// </summary>
internal static class YamlConfigurationFile
{
    public static Dictionary<string, string?> Read(string path)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationFileException(path, null, ex.Message);
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ConfigurationFileException(path, (int)ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return data;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigurationFileException(path, (int)stream.Documents[0].RootNode.Start.Line, "the top level must be a mapping of sections");
        }
        Flatten(root, prefix: null, data, path);
        return data;
    }

    private static void Flatten(YamlNode node, string? prefix, Dictionary<string, string?> data, string path)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (keyNode, value) in map.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
                    {
                        throw new ConfigurationFileException(path, (int)keyNode.Start.Line, "keys must be plain names");
                    }
                    Flatten(value, prefix is null ? key : prefix + ":" + key, data, path);
                }
                break;
            case YamlSequenceNode seq:
                var i = 0;
                foreach (var item in seq.Children)
                {
                    Flatten(item, prefix + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), data, path);
                    i++;
                }
                break;
            case YamlScalarNode scalar:
                if (prefix is not null)
                {
                    data[prefix] = scalar.Value;
                }
                break;
        }
    }
}

/// <summary>A configuration file problem, rendered as one line: <c>file:line: message</c>.</summary>
internal sealed class ConfigurationFileException(string path, int? line, string message)
    : Exception(line is { } l ? $"{path}:{l}: {message}" : $"{path}: {message}");
