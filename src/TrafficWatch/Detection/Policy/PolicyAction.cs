namespace TrafficWatch.Detection.Policy;

/// <summary>The verdict of <see cref="PolicySet.Evaluate"/> for one flow.</summary>
public enum PolicyAction : byte
{
    /// <summary>The device is only watched (its scope says <c>action: watch</c>) and no rule matched: no policy finding.</summary>
    NotRestricted,

    /// <summary>An allow rule matched, or the scope's default is <c>allow</c>.</summary>
    Allow,

    /// <summary>A deny rule matched, or the scope's default is <c>deny</c> and nothing allowed the destination.</summary>
    Deny,
}
