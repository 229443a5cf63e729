namespace TrafficWatch.Cli;

/// <summary>Process exit codes (documented in the README). Alerts never change the exit code.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad command line or configuration.</summary>
    public const int Usage = 1;
    /// <summary>Some input could not be read (missing, corrupt or unsupported file); the readable part was processed.</summary>
    public const int InputErrors = 2;
    /// <summary>The capture could not start (permission, unknown interface, bad filter) or an output could not be opened.</summary>
    public const int CannotStart = 3;
    /// <summary>Interrupted by Ctrl-C during a replay (flows were still flushed).</summary>
    public const int Interrupted = 130;
}
