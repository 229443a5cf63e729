namespace TrafficWatch.Detection;

/// <summary>
/// Fans every fact out to a fixed list of detectors on the detection thread. A detector that throws is counted
/// and reported through <c>onError</c> (rule name, exception) but never stops the others or the pipeline
/// (Serilog's SafeAggregateSink habit). Not thread-safe: one detection thread feeds it.
/// </summary>
public sealed class DetectorSet
{
    private readonly IDetector[] _detectors;
    private readonly long[] _failures;
    private readonly Action<string, Exception>? _onError;

    public DetectorSet(IEnumerable<IDetector> detectors, Action<string, Exception>? onError = null)
    {
        _detectors = [.. detectors];
        _failures = new long[_detectors.Length];
        _onError = onError;
    }

    public IReadOnlyList<IDetector> Detectors => _detectors;

    /// <summary>Exceptions thrown by the detector with this rule name so far.</summary>
    public long FailuresOf(string rule)
    {
        long total = 0;
        for (var i = 0; i < _detectors.Length; i++)
        {
            if (_detectors[i].Rule == rule)
            {
                total += _failures[i];
            }
        }
        return total;
    }

    public void OnFlow(FlowFacts flow, IAlertSink alerts)
    {
        for (var i = 0; i < _detectors.Length; i++)
        {
            try
            {
                _detectors[i].OnFlow(flow, alerts);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failed(i, ex);
            }
        }
    }

    public void OnDnsQuery(DnsQueryFacts query, IAlertSink alerts)
    {
        for (var i = 0; i < _detectors.Length; i++)
        {
            try
            {
                _detectors[i].OnDnsQuery(query, alerts);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failed(i, ex);
            }
        }
    }

    public void OnDevice(DeviceFacts device, IAlertSink alerts)
    {
        for (var i = 0; i < _detectors.Length; i++)
        {
            try
            {
                _detectors[i].OnDevice(device, alerts);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failed(i, ex);
            }
        }
    }

    public void OnTime(PacketTime now, IAlertSink alerts)
    {
        for (var i = 0; i < _detectors.Length; i++)
        {
            try
            {
                _detectors[i].OnTime(now, alerts);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failed(i, ex);
            }
        }
    }

    private void Failed(int index, Exception ex)
    {
        _failures[index]++;
        _onError?.Invoke(_detectors[index].Rule, ex);
    }
}
