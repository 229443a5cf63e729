using System.Runtime.CompilerServices;

namespace TrafficWatch.Pipeline;

/// <summary>
/// A bounded single-producer/single-consumer ring of structs: the hand-off between the capture+decode
/// thread and the flow thread. No locks, no allocation after construction. The producer and consumer
/// indices sit on separate cache lines, and each side caches the other's index to avoid false sharing.
/// </summary>
internal sealed class SpscRing<T> where T : struct
{
    private readonly T[] _items;
    private readonly long _mask;
    private SpscRingIndices _indices;
    private volatile bool _completed;

    public SpscRing(int capacityPowerOfTwo)
    {
        if (capacityPowerOfTwo < 2 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityPowerOfTwo), "capacity must be a power of two");
        }
        _items = new T[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    public int Capacity => _items.Length;

    public bool IsCompleted => _completed;

    /// <summary>Approximate number of queued items (for statistics).</summary>
    public long Count => Volatile.Read(ref _indices.Tail) - Volatile.Read(ref _indices.Head);

    /// <summary>Producer: gets a slot to fill in place, or false when the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReserve(out int slot)
    {
        var tail = _indices.Tail;
        if (tail - _indices.CachedHead >= _items.Length)
        {
            _indices.CachedHead = Volatile.Read(ref _indices.Head);
            if (tail - _indices.CachedHead >= _items.Length)
            {
                slot = -1;
                return false;
            }
        }
        slot = (int)(tail & _mask);
        return true;
    }

    /// <summary>Producer: the slot returned by <see cref="TryReserve"/>.</summary>
    public ref T this[int slot] => ref _items[slot];

    /// <summary>Producer: publishes the reserved slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish() => Volatile.Write(ref _indices.Tail, _indices.Tail + 1);

    /// <summary>Producer: no more items will come.</summary>
    public void Complete() => _completed = true;

    /// <summary>Consumer: a reference to the next item, or false when empty (check <see cref="IsCompleted"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPeek(out int slot)
    {
        var head = _indices.Head;
        if (head >= _indices.CachedTail)
        {
            _indices.CachedTail = Volatile.Read(ref _indices.Tail);
            if (head >= _indices.CachedTail)
            {
                slot = -1;
                return false;
            }
        }
        slot = (int)(head & _mask);
        return true;
    }

    /// <summary>Consumer: releases the slot returned by <see cref="TryPeek"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release() => Volatile.Write(ref _indices.Head, _indices.Head + 1);
}
