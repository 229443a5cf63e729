namespace TrafficWatch.Outputs.Email;

/// <summary>What a planned mail carries.</summary>
public enum AlertMailKind
{
    /// <summary>One alert at or above <see cref="EmailOptions.ImmediateSeverity"/>, sent as soon as it fires.</summary>
    Immediate,

    /// <summary>The lower-severity alerts of one digest window, grouped by device and rule.</summary>
    Digest,

    /// <summary>Only the count of alerts the hourly cap held back (sent when the cap frees up, or at the end of a run).</summary>
    SuppressionNotice,
}
