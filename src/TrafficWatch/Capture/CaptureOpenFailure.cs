namespace TrafficWatch.Capture;

/// <summary>Why a capture could not be started.</summary>
public enum CaptureOpenFailure
{
    /// <summary>Anything else libpcap reported.</summary>
    Other,
    /// <summary>The BPF filter did not compile.</summary>
    InvalidFilter,
    /// <summary>The process lacks CAP_NET_RAW (or CAP_NET_ADMIN for promiscuous mode).</summary>
    PermissionDenied,
    /// <summary>No interface with that name.</summary>
    NoSuchInterface,
    /// <summary>The interface exists but is down.</summary>
    InterfaceDown,
    /// <summary>The interface's link type is not one the decoder supports.</summary>
    UnsupportedLinkType,
    /// <summary>The options are out of range.</summary>
    InvalidOptions,
}
