namespace TrafficWatch.Flows;

/// <summary>
/// A family of intrusive doubly-linked lists over slot indices (links in parallel arrays, no nodes to allocate).
/// A slot is in at most one list of a family at a time; the caller remembers which.
/// Invariant: <c>_prev[head] == -1</c>, <c>_next[tail] == -1</c>, and -1 marks an empty list.
/// </summary>
internal sealed class SlotLists
{
    public const int None = -1;

    private readonly int[] _head;
    private readonly int[] _tail;
    private int[] _prev;
    private int[] _next;

    public SlotLists(int listCount, int capacity)
    {
        _head = new int[listCount];
        _tail = new int[listCount];
        Array.Fill(_head, None);
        Array.Fill(_tail, None);
        _prev = new int[capacity];
        _next = new int[capacity];
    }

    /// <summary>Bytes of link storage per slot.</summary>
    public const int BytesPerSlot = 2 * sizeof(int);

    public int Head(int list) => _head[list];

    public bool IsEmpty(int list) => _head[list] == None;

    public int Next(int slot) => _next[slot];

    public void Grow(int capacity)
    {
        Array.Resize(ref _prev, capacity);
        Array.Resize(ref _next, capacity);
    }

    public void AddLast(int list, int slot)
    {
        var tail = _tail[list];
        _prev[slot] = tail;
        _next[slot] = None;
        if (tail == None)
        {
            _head[list] = slot;
        }
        else
        {
            _next[tail] = slot;
        }
        _tail[list] = slot;
    }

    public void Remove(int list, int slot)
    {
        var prev = _prev[slot];
        var next = _next[slot];
        if (prev == None)
        {
            _head[list] = next;
        }
        else
        {
            _next[prev] = next;
        }
        if (next == None)
        {
            _tail[list] = prev;
        }
        else
        {
            _prev[next] = prev;
        }
        _prev[slot] = None;
        _next[slot] = None;
    }

    public void MoveToLast(int list, int slot)
    {
        if (_tail[list] == slot)
        {
            return;
        }
        Remove(list, slot);
        AddLast(list, slot);
    }

    /// <summary>Forgets every member of <paramref name="list"/> at once (their links become stale and are rewritten on the next add).</summary>
    public void Reset(int list)
    {
        _head[list] = None;
        _tail[list] = None;
    }
}
