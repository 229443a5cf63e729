namespace TrafficWatch.Flows;

/// <summary>
/// TCP state per flow, reduced to the three EVE states:
/// <list type="bullet">
/// <item>New → Established after the handshake (a SYN-ACK towards the initiator, then an ACK without SYN from it),
/// or after payload in both directions (flows picked up mid-stream).</item>
/// <item>→ Closed after a FIN in both directions, or any RST. Closed is final: the flow then waits
/// <see cref="FlowTableOptions.TcpClosedTimeout"/> so trailing ACKs land in it, like Suricata.</item>
/// </list>
/// </summary>
internal static class TcpStateTracker
{
    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Ack = 0x10;

    public static bool IsPureSyn(byte flags) => (flags & (Syn | Ack)) == Syn;

    public static bool IsSynAck(byte flags) => (flags & (Syn | Ack)) == (Syn | Ack);

    public static void Update(ref FlowSlot slot, byte flags, bool toServer, int payloadLength)
    {
        if (slot.State == FlowState.Closed)
        {
            return;
        }
        if ((flags & Rst) != 0)
        {
            slot.Tcp |= TcpProgress.Rst;
            slot.State = FlowState.Closed;
            return;
        }
        if (toServer)
        {
            if (IsPureSyn(flags))
            {
                slot.Tcp |= TcpProgress.SynToServer;
            }
            if (payloadLength > 0)
            {
                slot.Tcp |= TcpProgress.DataToServer;
            }
            if ((flags & Fin) != 0)
            {
                slot.Tcp |= TcpProgress.FinToServer;
            }
        }
        else
        {
            if (IsSynAck(flags))
            {
                slot.Tcp |= TcpProgress.SynAckToClient;
            }
            if (payloadLength > 0)
            {
                slot.Tcp |= TcpProgress.DataToClient;
            }
            if ((flags & Fin) != 0)
            {
                slot.Tcp |= TcpProgress.FinToClient;
            }
        }

        const TcpProgress bothFins = TcpProgress.FinToServer | TcpProgress.FinToClient;
        const TcpProgress bothData = TcpProgress.DataToServer | TcpProgress.DataToClient;
        if ((slot.Tcp & bothFins) == bothFins)
        {
            slot.State = FlowState.Closed;
            return;
        }
        if (slot.State == FlowState.New)
        {
            var handshakeDone = toServer && (slot.Tcp & TcpProgress.SynAckToClient) != 0 && (flags & (Syn | Ack)) == Ack;
            if (handshakeDone || (slot.Tcp & bothData) == bothData)
            {
                slot.State = FlowState.Established;
            }
        }
    }
}
