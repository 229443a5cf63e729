namespace TrafficWatch.Flows;

/// <summary>Per-flow bits of <see cref="FlowSlot"/>.</summary>
[Flags]
internal enum FlowSlotFlags : byte
{
    None = 0,
    /// <summary>The initiator (record "Src") is the key's low endpoint.</summary>
    InitiatorIsLo = 1,
    /// <summary>The MAC addresses were taken from a frame the initiator sent (else swapped from a responder frame, or unset).</summary>
    MacsFromInitiator = 2,
    /// <summary>Linked in the touched list: had packets since the previous interval collection.</summary>
    Touched = 4,
    /// <summary>Started after the previous interval collection.</summary>
    NewInInterval = 8,
    /// <summary>Had packets since the previous interim record (or since start).</summary>
    ActiveSinceInterim = 16,
    SeenToServer = 32,
    SeenToClient = 64,
    InUse = 128,
}
