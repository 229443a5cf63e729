using TrafficWatch.Decode;

namespace TrafficWatch.Flows;

/// <summary>Receives the fragments <see cref="FragmentTracker"/> stops holding, in arrival order per datagram.</summary>
internal interface IFragmentReleaseSink
{
    /// <param name="meta">The held copy: ports already set (the datagram's ports when matched, 0 when not).
    /// Valid only during the call; the sink must not call back into the tracker.</param>
    /// <param name="arrivalNs">Table time at which the fragment arrived.</param>
    /// <param name="matched">True when its datagram completed; false for a timed-out, evicted, flushed, overlapped or over-limit fragment.</param>
    void OnFragmentReleased(ref PacketMeta meta, long arrivalNs, bool matched);
}
