using Spectre.Console;
using VolSync.Diagnostics;

namespace VolSync.Cli.Rendering;

/// <summary>
/// Where people read a command's output: stdout normally, stderr when <c>--json</c> owns stdout. On a terminal it
/// carries a full Spectre console (colour unless <c>NO_COLOR</c>); otherwise a console that can emit no escape code
/// at all, so a redirected log holds only text. Every line goes through <see cref="DisplayText.Escape"/>: a file
/// name with a newline stays on its line.
/// </summary>
internal sealed class HumanOutput
{
    // Wide enough that tables of long remote paths do not wrap in log files.
    private const int RedirectedWidth = 240;
    private const int MinimumTerminalHeight = 8;

    private readonly object _gate = new();

    private HumanOutput(TextWriter writer, OutputMode mode, bool terminal, IAnsiConsole console)
    {
        Writer = writer;
        Mode = mode;
        Terminal = terminal;
        Console = console;
    }

    public TextWriter Writer { get; }

    public OutputMode Mode { get; }

    /// <summary>True for the live view: progress bars redrawn in place.</summary>
    public bool Live => Mode == OutputMode.Live;

    /// <summary>True with <c>--quiet</c>: only errors and the summary.</summary>
    public bool Quiet => Mode == OutputMode.Quiet;

    /// <summary>An interactive terminal: tables get rounded borders (and colour, unless <c>NO_COLOR</c>).</summary>
    public bool Terminal { get; }

    public IAnsiConsole Console { get; }

    /// <param name="toStandardError">True when stdout is reserved for a machine-readable document.</param>
    /// <param name="verbose"><c>--verbose</c>: detail that reads better as a log, so plain lines even on a terminal.</param>
    /// <param name="quiet"><c>--quiet</c>: no progress at all.</param>
    /// <param name="getEnvironmentVariable">The environment (tests pass their own); null for the process's.</param>
    public static HumanOutput Create(bool toStandardError, bool verbose = false, bool quiet = false, Func<string, string?>? getEnvironmentVariable = null)
    {
        var writer = toStandardError ? System.Console.Error : System.Console.Out;
        var redirected = toStandardError ? System.Console.IsErrorRedirected : System.Console.IsOutputRedirected;
        var capabilities = TerminalDetection.Detect(redirected, getEnvironmentVariable ?? Environment.GetEnvironmentVariable);
        var mode = quiet ? OutputMode.Quiet : capabilities.Terminal && !verbose ? OutputMode.Live : OutputMode.Plain;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = capabilities.Terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = capabilities.Colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = capabilities.Terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }
        else if (capabilities.Terminal && console.Profile.Height < MinimumTerminalHeight)
        {
            // A pseudo-terminal that reports no size (0 rows: script, some CI runners with a tty) would make the
            // live view collapse into "…"; assume the classic 80x24.
            console.Profile.Height = 24;
            console.Profile.Width = console.Profile.Width < 40 ? 80 : console.Profile.Width;
        }

        return new HumanOutput(writer, mode, capabilities.Terminal, console);
    }

    /// <summary>Writes one line, control characters escaped; safe to call from concurrent uploads.</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            Writer.WriteLine(DisplayText.Escape(text));
        }
    }

    /// <summary>A line of progress or narration: dropped with <c>--quiet</c>, which keeps only errors and the summary.</summary>
    public void Note(string text)
    {
        if (!Quiet)
        {
            Line(text);
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            Writer.Flush();
        }
    }

    /// <summary>A table cell: control characters escaped (a newline would split the row), markup characters literal.</summary>
    public static string Cell(string? text) => Markup.Escape(DisplayText.Escape(text));
}
