using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Outputs.Evidence;

/// <summary>
/// A second <see cref="FragmentTracker"/> run beside a <see cref="FlowTable"/> with the same options, clock and sweep
/// schedule, so it releases the same fragments, in the same order, with the same ports as the table's own tracker, but
/// says which frame each one was. A released fragment is accounted in the flow live with its key at that moment, which
/// is the next flow the table ends with that key: <see cref="Resolve"/> pairs them.
/// </summary>
internal sealed class FragmentShadow : IFragmentReleaseSink
{
    private readonly FragmentTracker _tracker;
    private readonly List<long> _ordinals = [];                   // index stashed in the held meta -> frame ordinal (-1: outside the window)
    private readonly List<(int Index, FlowKey Key)> _released = [];
    private readonly Dictionary<FlowKey, List<int>> _pending = [];
    private long _clockNs = long.MinValue;
    private long _nextSweepNs = long.MinValue;

    public FragmentShadow(FlowTableOptions options)
    {
        _tracker = new FragmentTracker(options.MaxFragmentEntries, options.FragmentTimeout, this);
    }

    /// <summary>
    /// Mirrors what the table did for one frame: its clock and once-a-second sweep (expiring datagrams), then the
    /// fragment itself when <paramref name="ordinal"/> is not -1. Call after the table processed the frame.
    /// </summary>
    public void Mirror(PacketTime timestamp, long ordinal, bool inWindow, ref PacketMeta meta)
    {
        if (timestamp.Nanoseconds > _clockNs)
        {
            _clockNs = timestamp.Nanoseconds;
        }
        if (_clockNs >= _nextSweepNs)
        {
            _nextSweepNs = (Math.DivRem(_clockNs, PacketTime.NanosPerSecond, out var rem) + (rem < 0 ? 0 : 1)) * PacketTime.NanosPerSecond;
            _tracker.Expire(_clockNs);
        }
        if (ordinal < 0)
        {
            return;
        }
        var copy = meta;
        copy.PayloadOffset = _ordinals.Count;                      // the tracker never reads it; it comes back on release
        copy.App = null;
        _ordinals.Add(inWindow ? ordinal : -1);
        _tracker.Add(ref copy, _clockNs);
    }

    /// <summary>End of input: releases every held fragment (unmatched), as <see cref="FlowTable.FlushAll"/> does first.</summary>
    public void ReleaseAll() => _tracker.ReleaseAll();

    /// <summary>
    /// Pairs pending fragments with the flows ended during the frame (those ended before this frame's releases were
    /// accounted), adding the ordinals of <paramref name="flowId"/>'s fragments to <paramref name="matches"/>; then
    /// queues this frame's releases under their keys.
    /// </summary>
    public void Resolve(List<(FlowKey Key, long FlowId)> ended, long flowId, List<long> matches)
    {
        foreach (var (key, id) in ended)
        {
            if (_pending.Remove(key, out var indexes) && id == flowId)
            {
                foreach (var i in indexes)
                {
                    if (_ordinals[i] >= 0)
                    {
                        matches.Add(_ordinals[i]);
                    }
                }
            }
        }
        foreach (var (index, key) in _released)
        {
            if (!_pending.TryGetValue(key, out var list))
            {
                list = [];
                _pending[key] = list;
            }
            list.Add(index);
        }
        _released.Clear();
    }

    void IFragmentReleaseSink.OnFragmentReleased(ref PacketMeta meta, long arrivalNs, bool matched)
        => _released.Add((meta.PayloadOffset, FlowKey.From(meta)));
}
