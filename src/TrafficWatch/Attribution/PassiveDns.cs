using TrafficWatch.Decode.App;

namespace TrafficWatch.Attribution;

/// <summary>
/// Passive DNS per client: which name each client resolved to which address, remembered for the answer's TTL
/// (clamped to <see cref="PassiveDnsOptions"/>' bounds) in packet time. A later flow from that client to that address
/// is named by the name the client asked for (the question, not the CNAME target: <c>api.hik-connect.com</c>, not the
/// cloud load balancer it points to). Bounded: two generations of at most half the entries each; when the newer one
/// fills, the older one is dropped. Flow thread only.
/// </summary>
public sealed class PassiveDns
{
    private readonly PassiveDnsOptions _options;
    private readonly int _generationSize;
    private Dictionary<Key, Entry> _current = new();
    private Dictionary<Key, Entry> _previous = new();

    public PassiveDns(PassiveDnsOptions? options = null)
    {
        _options = options ?? new PassiveDnsOptions();
        _options.Validate();
        _generationSize = _options.MaxEntries / 2;
    }

    /// <summary>Entries held now (both generations; an address may be counted twice).</summary>
    public int Count => _current.Count + _previous.Count;

    /// <summary>Answers recorded since the start.</summary>
    public long AnswersRecorded { get; private set; }

    /// <summary>Records the A/AAAA answers of a DNS response received by <paramref name="client"/> at <paramref name="now"/>.</summary>
    public void Record(UInt128 client, DnsMessage response, PacketTime now)
    {
        if (!response.IsResponse)
        {
            return;
        }
        var question = response.Questions.Count > 0 ? response.Questions[0].Name : null;
        foreach (var record in response.Records)
        {
            if (record.Section != DnsSection.Answer || !record.HasAddress)
            {
                continue;
            }
            var name = question ?? record.Name;
            if (name.Length == 0)
            {
                continue;
            }
            var ttl = Math.Clamp((long)record.Ttl, _options.MinTtlSeconds, _options.MaxTtlSeconds);
            Add(new Key(client, record.Address), new Entry(name, now.Nanoseconds + ttl * PacketTime.NanosPerSecond));
        }
    }

    /// <summary>The name <paramref name="client"/> resolved <paramref name="address"/> from, if the answer is still valid at <paramref name="now"/>.</summary>
    public bool TryGetName(UInt128 client, UInt128 address, PacketTime now, out string name)
    {
        var key = new Key(client, address);
        if ((_current.TryGetValue(key, out var entry) || _previous.TryGetValue(key, out entry)) && entry.ExpiresNs >= now.Nanoseconds)
        {
            name = entry.Name;
            return true;
        }
        name = string.Empty;
        return false;
    }

    private void Add(Key key, Entry entry)
    {
        if (_current.Count >= _generationSize && !_current.ContainsKey(key))
        {
            (_previous, _current) = (_current, _previous);
            _current.Clear();
        }
        _current[key] = entry;
        AnswersRecorded++;
    }

    private readonly record struct Key(UInt128 Client, UInt128 Address);

    private readonly record struct Entry(string Name, long ExpiresNs);
}
