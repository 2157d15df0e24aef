namespace VolSync.Cli.Rendering;

/// <summary>How a command shows progress to people (the <c>--json</c> document is separate and always the same).</summary>
internal enum OutputMode
{
    /// <summary>A terminal: a progress bar per phase, redrawn in place, then a summary table.</summary>
    Live,

    /// <summary>A log (redirected, <c>CI</c>, <c>TERM=dumb</c>) or <c>--verbose</c>: a line per phase, a status line every 5 s, a summary.</summary>
    Plain,

    /// <summary><c>--quiet</c>: errors and the summary only.</summary>
    Quiet,
}
