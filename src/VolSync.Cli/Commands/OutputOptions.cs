using System.CommandLine;

namespace VolSync.Cli.Commands;

/// <summary><c>--json</c> (one document on stdout, people's output on stderr) and <c>--verbose</c> (per-file lines and HTTP timing).</summary>
internal sealed class OutputOptions
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON document with the result on stdout; progress and messages go to stderr.",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show every file and each HTTP request with its timing (never credentials).",
    };

    public void AddTo(Command command, bool withVerbose = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (withVerbose)
        {
            command.Options.Add(Verbose);
        }

        command.Options.Add(Json);
    }
}
