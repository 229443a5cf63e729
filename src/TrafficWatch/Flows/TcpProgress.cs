namespace TrafficWatch.Flows;

/// <summary>TCP handshake and teardown events seen on a flow, per direction.</summary>
[Flags]
internal enum TcpProgress : byte
{
    None = 0,
    SynToServer = 1,
    SynAckToClient = 2,
    FinToServer = 4,
    FinToClient = 8,
    DataToServer = 16,
    DataToClient = 32,
    Rst = 64,
}
