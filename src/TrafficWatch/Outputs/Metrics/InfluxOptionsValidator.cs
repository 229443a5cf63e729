using Microsoft.Extensions.Options;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>Hooks <see cref="InfluxOptions.Validate"/> into <c>ValidateOnStart()</c>.</summary>
public sealed class InfluxOptionsValidator : IValidateOptions<InfluxOptions>
{
    public ValidateOptionsResult Validate(string? name, InfluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return ValidateOptionsResult.Skip; // no InfluxDB configured: the file writer is used
        }
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
