namespace TrafficWatch.Attribution.Devices;

/// <summary>Why a MAC is taken for a router; each is recorded once, with the first example seen.</summary>
[Flags]
public enum RouterSignal
{
    None = 0,

    /// <summary>Frames from the MAC carry an external source address: it forwards traffic from outside.</summary>
    ExternalSource = 1,

    /// <summary>Frames from the MAC carry more distinct internal source addresses than one host has.</summary>
    ManyInternalSources = 2,

    /// <summary>Frames to the MAC carry external destination addresses: it is the next hop out.</summary>
    ExternalNextHop = 4,

    /// <summary>The MAC sends IPv6 router advertisements.</summary>
    RouterAdvertisement = 8,
}
