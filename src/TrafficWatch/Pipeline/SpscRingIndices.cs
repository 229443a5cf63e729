using System.Runtime.InteropServices;

namespace TrafficWatch.Pipeline;

/// <summary>
/// The indices of an <see cref="SpscRing{T}"/>, each on its own cache line so the producer and consumer
/// threads never write to the same line. (Outside the generic class: generic types cannot have explicit layout.)
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct SpscRingIndices
{
    [FieldOffset(0)] public long Tail;          // written by the producer
    [FieldOffset(64)] public long CachedHead;   // producer's view of Head
    [FieldOffset(128)] public long Head;        // written by the consumer
    [FieldOffset(192)] public long CachedTail;  // consumer's view of Tail
}
