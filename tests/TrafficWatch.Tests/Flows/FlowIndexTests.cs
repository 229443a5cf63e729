using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

public sealed class FlowIndexTests
{
    [Fact]
    public void Random_inserts_and_removes_agree_with_a_dictionary()
    {
        const int capacity = 512;
        var slots = new FlowSlot[capacity];
        var index = new FlowIndex(capacity);
        var model = new Dictionary<FlowKey, int>();
        var free = new Stack<int>(Enumerable.Range(0, capacity).Reverse());
        var rng = new Random(1);
        for (var step = 0; step < 200_000; step++)
        {
            // Few distinct keys, so lookups hit, collide and remove often.
            var key = new FlowKey(IpAddr.FromIPv4((uint)rng.Next(40)), (ushort)rng.Next(20), Pkt.Nvr, 53, 17, 0, 0);
            var hash = step % 3 == 0 ? key.GetHashCode() & 0x7 : key.GetHashCode();   // force long probe runs too
            hash = model.ContainsKey(key) ? slots[model[key]].Hash : hash;
            var found = index.Find(slots, key, hash);
            Assert.Equal(model.TryGetValue(key, out var expected) ? expected : -1, found);
            if (found >= 0 && rng.Next(2) == 0)
            {
                index.Remove(slots, found);
                model.Remove(key);
                slots[found] = default;
                free.Push(found);
            }
            else if (found < 0 && free.Count > capacity / 2)
            {
                var s = free.Pop();
                slots[s] = new FlowSlot { Key = key, Hash = hash, Flags = FlowSlotFlags.InUse };
                index.Insert(slots, s);
                model.Add(key, s);
            }
        }
        foreach (var (key, s) in model)
        {
            Assert.Equal(s, index.Find(slots, key, slots[s].Hash));
        }
    }
}
