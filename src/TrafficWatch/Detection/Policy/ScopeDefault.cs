namespace TrafficWatch.Detection.Policy;

/// <summary>A scope's <c>action:</c> for destinations none of its rules (nor a more specific scope's) match.</summary>
public enum ScopeDefault : byte
{
    /// <summary><c>allow</c>: anything not denied is allowed.</summary>
    Allow,

    /// <summary><c>deny</c>: only what an allow rule lists is allowed (restricted devices: cameras, NVRs, sensors).</summary>
    Deny,

    /// <summary><c>watch</c>: traffic is recorded but not judged; deny rules still apply.</summary>
    Watch,
}
