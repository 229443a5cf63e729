namespace TrafficWatch.Decode.App.Tls;

/// <summary>
/// Gathers the first client payloads of one TCP flow until they hold a whole ClientHello (it may be split over
/// two or three segments). The caller feeds consecutive, in-order, de-duplicated segments; the buffer is bounded
/// (16 KiB by default): a ClientHello that does not fit is reported <see cref="TlsParseStatus.Malformed"/>.
/// Once the status is final (anything but <see cref="TlsParseStatus.NeedMore"/>) further appends are ignored.
/// </summary>
public sealed class TlsClientHelloAccumulator
{
    /// <summary>Default bound: the largest ClientHello plus a few record headers.</summary>
    public const int DefaultMaxBytes = TlsClientHelloParser.MaxHandshakeLength + 64;

    private readonly int _maxBytes;
    private byte[]? _buffer;
    private int _length;

    public TlsClientHelloAccumulator(int maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, 1 << 20);
        _maxBytes = maxBytes;
    }

    /// <summary>Current status; <see cref="TlsParseStatus.NeedMore"/> before the first append.</summary>
    public TlsParseStatus Status { get; private set; } = TlsParseStatus.NeedMore;

    /// <summary>The parsed ClientHello once <see cref="Status"/> is <see cref="TlsParseStatus.Complete"/>.</summary>
    public TlsClientHello? Result { get; private set; }

    /// <summary>Bytes held so far.</summary>
    public int BufferedBytes => _length;

    /// <summary>Adds the next client payload segment and returns the new status.</summary>
    public TlsParseStatus Append(ReadOnlySpan<byte> segment)
    {
        if (Status != TlsParseStatus.NeedMore || segment.IsEmpty)
        {
            return Status;
        }
        if (_length == 0)
        {
            // Most ClientHellos fit one segment: parse in place, copy only when more is needed.
            Status = TlsClientHelloParser.Parse(segment, out var direct);
            if (Status != TlsParseStatus.NeedMore)
            {
                Result = direct;
                return Status;
            }
        }
        _buffer ??= new byte[_maxBytes];
        var take = Math.Min(segment.Length, _maxBytes - _length);
        segment[..take].CopyTo(_buffer.AsSpan(_length));
        _length += take;
        Status = TlsClientHelloParser.Parse(_buffer.AsSpan(0, _length), out var result);
        Result = result;
        if (Status == TlsParseStatus.NeedMore && (_length == _maxBytes || take < segment.Length))
        {
            Status = TlsParseStatus.Malformed;                           // bigger than the bound
        }
        return Status;
    }

    /// <summary>Forgets everything (keeps the buffer) so the accumulator can serve another flow.</summary>
    public void Reset()
    {
        _length = 0;
        Status = TlsParseStatus.NeedMore;
        Result = null;
    }
}
