namespace TrafficWatch.Flows;

/// <summary>
/// Open-addressing hash index from <see cref="FlowKey"/> to slot: linear probing over an <c>int[]</c> of
/// slot index + 1 (0 = empty), with backward-shift deletion (no tombstones). The key and its hash live in the
/// slot, so the index costs 4 bytes per bucket, and buckets are kept at most half full.
/// The hash is <see cref="FlowKey.GetHashCode"/> (seeded per process), so the probe order differs between runs;
/// nothing is ever output in index order.
/// </summary>
internal sealed class FlowIndex
{
    private int[] _buckets = [];
    private int _mask;

    public FlowIndex(int slotCapacity) => Resize(slotCapacity);

    public int BucketCount => _buckets.Length;

    /// <summary>Buckets for <paramref name="slotCapacity"/> slots: the next power of two at or above twice that.</summary>
    public static int BucketsFor(int slotCapacity) => (int)Math.Min(1u << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, slotCapacity) * 2));

    /// <summary>Returns the slot holding <paramref name="key"/>, or -1.</summary>
    public int Find(FlowSlot[] slots, in FlowKey key, int hash)
    {
        var buckets = _buckets;
        var i = hash & _mask;
        while (true)
        {
            var entry = buckets[i];
            if (entry == 0)
            {
                return -1;
            }
            ref var slot = ref slots[entry - 1];
            if (slot.Hash == hash && slot.Key.Equals(key))
            {
                return entry - 1;
            }
            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds <paramref name="slotIndex"/> (its key must not be present; its Hash must be set).</summary>
    public void Insert(FlowSlot[] slots, int slotIndex)
    {
        var i = slots[slotIndex].Hash & _mask;
        while (_buckets[i] != 0)
        {
            i = (i + 1) & _mask;
        }
        _buckets[i] = slotIndex + 1;
    }

    public void Remove(FlowSlot[] slots, int slotIndex)
    {
        var buckets = _buckets;
        var i = slots[slotIndex].Hash & _mask;
        while (buckets[i] != slotIndex + 1)
        {
            i = (i + 1) & _mask;
        }
        // Backward shift: pull later entries of the probe run into the hole unless their home lies in (hole, j].
        var j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            var entry = buckets[j];
            if (entry == 0)
            {
                break;
            }
            var home = slots[entry - 1].Hash & _mask;
            var stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (stays)
            {
                continue;
            }
            buckets[i] = entry;
            i = j;
        }
        buckets[i] = 0;
    }

    /// <summary>Re-sizes for <paramref name="slotCapacity"/> slots and re-inserts the slots in use.</summary>
    public void Rebuild(FlowSlot[] slots, int slotCapacity, int slotsUsed)
    {
        Resize(slotCapacity);
        for (var s = 0; s < slotsUsed; s++)
        {
            if (slots[s].Has(FlowSlotFlags.InUse))
            {
                Insert(slots, s);
            }
        }
    }

    private void Resize(int slotCapacity)
    {
        _buckets = new int[BucketsFor(slotCapacity)];
        _mask = _buckets.Length - 1;
    }
}
