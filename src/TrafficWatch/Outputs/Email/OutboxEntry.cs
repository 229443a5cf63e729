namespace TrafficWatch.Outputs.Email;

/// <summary>One mail waiting in the outbox: <c>{sequence:D16}.eml</c>, sent in sequence order.</summary>
internal sealed record OutboxEntry(string Path, long Sequence)
{
    public string Name => System.IO.Path.GetFileName(Path);
}
