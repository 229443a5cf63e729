namespace TrafficWatch.Flows;

/// <summary>Maps a flow's protocol and state to its <see cref="TimeoutClass"/> and holds each class's timeout in nanoseconds.</summary>
internal sealed class FlowTimeouts
{
    public const int ClassCount = (int)TimeoutClass.OtherEstablished + 1;

    private readonly long[] _timeoutNs = new long[ClassCount];

    public FlowTimeouts(FlowTableOptions options)
    {
        Set(TimeoutClass.TcpNew, options.TcpNewTimeout, nameof(options.TcpNewTimeout));
        Set(TimeoutClass.TcpEstablished, options.TcpEstablishedTimeout, nameof(options.TcpEstablishedTimeout));
        Set(TimeoutClass.TcpClosed, options.TcpClosedTimeout, nameof(options.TcpClosedTimeout));
        Set(TimeoutClass.UdpNew, options.UdpNewTimeout, nameof(options.UdpNewTimeout));
        Set(TimeoutClass.UdpEstablished, options.UdpEstablishedTimeout, nameof(options.UdpEstablishedTimeout));
        Set(TimeoutClass.IcmpNew, options.IcmpNewTimeout, nameof(options.IcmpNewTimeout));
        Set(TimeoutClass.IcmpEstablished, options.IcmpEstablishedTimeout, nameof(options.IcmpEstablishedTimeout));
        Set(TimeoutClass.OtherNew, options.OtherNewTimeout, nameof(options.OtherNewTimeout));
        Set(TimeoutClass.OtherEstablished, options.OtherEstablishedTimeout, nameof(options.OtherEstablishedTimeout));
    }

    public long this[TimeoutClass timeoutClass] => _timeoutNs[(int)timeoutClass];

    public static TimeoutClass Classify(byte protocol, FlowState state)
    {
        switch (protocol)
        {
            case 6:
                return state switch
                {
                    FlowState.New => TimeoutClass.TcpNew,
                    FlowState.Established => TimeoutClass.TcpEstablished,
                    _ => TimeoutClass.TcpClosed,
                };
            case 17:
                return state == FlowState.New ? TimeoutClass.UdpNew : TimeoutClass.UdpEstablished;
            case 1:
            case 58:
                return state == FlowState.New ? TimeoutClass.IcmpNew : TimeoutClass.IcmpEstablished;
            default:
                return state == FlowState.New ? TimeoutClass.OtherNew : TimeoutClass.OtherEstablished;
        }
    }

    private void Set(TimeoutClass timeoutClass, int seconds, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, name);
        _timeoutNs[(int)timeoutClass] = seconds * PacketTime.NanosPerSecond;
    }
}
