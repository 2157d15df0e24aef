namespace VolSync.Cli.Rendering;

/// <summary>
/// What a stream can show. A terminal gets the live view (progress bar redrawn in place, tables with rounded
/// borders); plain lines whenever the output is a log: redirected, <c>CI</c> set, or <c>TERM=dumb</c>.
/// <c>NO_COLOR</c> (no-color.org) removes colour and nothing else: the live view stays.
/// </summary>
internal static class TerminalDetection
{
    public static ConsoleCapabilities Detect(bool redirected, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var terminal = !redirected
            && !IsContinuousIntegration(getEnvironmentVariable)
            && !string.Equals(getEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
        var colour = terminal && string.IsNullOrEmpty(getEnvironmentVariable("NO_COLOR"));
        return new ConsoleCapabilities(terminal, colour);
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

/// <param name="Terminal">An interactive terminal: cursor movement and redrawing are fine.</param>
/// <param name="Colour">Colours are wanted (a terminal, and no <c>NO_COLOR</c>).</param>
internal readonly record struct ConsoleCapabilities(bool Terminal, bool Colour);
