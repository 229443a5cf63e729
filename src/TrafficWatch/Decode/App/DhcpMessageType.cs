namespace TrafficWatch.Decode.App;

/// <summary>DHCP message type, option 53 (RFC 2132 §9.6, RFC 4388, RFC 6926). <see cref="None"/> when absent.</summary>
public enum DhcpMessageType : byte
{
    None = 0,
    Discover = 1,
    Offer = 2,
    Request = 3,
    Decline = 4,
    Ack = 5,
    Nak = 6,
    Release = 7,
    Inform = 8,
    ForceRenew = 9,
    LeaseQuery = 10,
    LeaseUnassigned = 11,
    LeaseUnknown = 12,
    LeaseActive = 13,
}
