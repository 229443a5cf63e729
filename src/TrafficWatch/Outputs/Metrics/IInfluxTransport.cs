namespace TrafficWatch.Outputs.Metrics;

/// <summary>One InfluxDB write API (v1 or v2). Never throws for server or network failures: it returns a
/// result whose error text is already masked.</summary>
internal interface IInfluxTransport : IDisposable
{
    InfluxProtocol Protocol { get; }

    Task<InfluxSendResult> SendAsync(ReadOnlyMemory<byte> body, int points, CancellationToken cancellationToken);
}
