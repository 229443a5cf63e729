using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>Picks the metrics writer: InfluxDB when <see cref="InfluxOptions.Url"/> is set, otherwise the embedded
/// default, a line-protocol file that <c>influx -import</c> can load later.</summary>
public static class MetricWriterFactory
{
    public static IMetricWriter Create(InfluxOptions? options, string fallbackFile, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        if (options is null || string.IsNullOrWhiteSpace(options.Url))
        {
            var database = string.IsNullOrWhiteSpace(options?.Database) ? "trafficwatch" : options.Database;
            return new LineProtocolFileWriter(fallbackFile, database, options?.RetentionPolicy, loggerFactory.CreateLogger<LineProtocolFileWriter>());
        }
        return new InfluxHttpWriter(options, loggerFactory.CreateLogger<InfluxHttpWriter>(), timeProvider);
    }
}
