using Spectre.Console;

namespace VolSync.Cli.Rendering;

/// <summary>
/// Where people read a command's output: stdout normally, stderr when <c>--json</c> owns stdout. On a live
/// terminal it carries a full Spectre console; otherwise a console that can emit no escape code at all, so a
/// redirected log holds only text.
/// </summary>
internal sealed class HumanOutput
{
    // Wide enough that tables of long remote paths do not wrap in log files.
    private const int RedirectedWidth = 240;

    private readonly object _gate = new();

    private HumanOutput(TextWriter writer, bool live, IAnsiConsole console)
    {
        Writer = writer;
        Live = live;
        Console = console;
    }

    public TextWriter Writer { get; }

    /// <summary>True on an interactive terminal: progress bars and colours. False: plain lines only.</summary>
    public bool Live { get; }

    public IAnsiConsole Console { get; }

    /// <param name="toStandardError">True when stdout is reserved for a machine-readable document.</param>
    /// <param name="preferPlain">True when the user asked for detail (<c>--verbose</c>) that reads better as a log.</param>
    public static HumanOutput Create(bool toStandardError, bool preferPlain = false)
    {
        var writer = toStandardError ? System.Console.Error : System.Console.Out;
        var redirected = toStandardError ? System.Console.IsErrorRedirected : System.Console.IsOutputRedirected;
        var terminal = TerminalDetection.IsLiveTerminal(redirected, Environment.GetEnvironmentVariable);
        var live = terminal && !preferPlain;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return new HumanOutput(writer, live, console);
    }

    /// <summary>Writes one plain line; safe to call from concurrent uploads.</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            Writer.WriteLine(text);
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            Writer.Flush();
        }
    }
}
