namespace VolSync.Cli.Rendering;

/// <summary>
/// Decides whether a stream gets the live view (progress bar, colours, tables redrawn in place) or plain lines.
/// Plain wins whenever anything suggests a log file or a machine reads the output: redirection, <c>CI</c>,
/// <c>NO_COLOR</c> or <c>TERM=dumb</c>.
/// </summary>
internal static class TerminalDetection
{
    public static bool IsLiveTerminal(bool redirected, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (redirected || IsContinuousIntegration(getEnvironmentVariable))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(getEnvironmentVariable("NO_COLOR")))
        {
            return false;
        }

        return !string.Equals(getEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
    }

    /// <summary>CI services set <c>CI</c> to <c>true</c> (or <c>1</c>); an explicit <c>false</c>/<c>0</c> means a developer turned it off.</summary>
    public static bool IsContinuousIntegration(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var ci = getEnvironmentVariable("CI");
        return !string.IsNullOrWhiteSpace(ci)
            && !string.Equals(ci.Trim(), "false", StringComparison.OrdinalIgnoreCase)
            && ci.Trim() != "0";
    }
}
