using System.CommandLine;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;

namespace VolSync.Cli.Commands;

/// <summary>
/// <c>--json</c> (one document on stdout, people's output on stderr), <c>--verbose</c> (per-file lines and HTTP
/// timing) and <c>--quiet</c> (errors and the summary only). The mode itself is chosen in <see cref="HumanOutput"/>.
/// </summary>
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

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print only errors and the summary: no progress, no per-file lines.",
    };

    public void AddTo(Command command, bool withVerbose = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (withVerbose)
        {
            command.Options.Add(Verbose);
        }

        command.Options.Add(Quiet);
        command.Options.Add(Json);
    }

    /// <summary>
    /// Wires a command's action: the output mode follows <c>--json</c>/<c>--verbose</c>, and errors, cancellation
    /// and exit codes are handled by <see cref="CommandRunner"/> the same way for every command.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, CommandOutput, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var json = parseResult.GetValue(Json);
            return CommandRunner.RunAsync(
                json,
                ct =>
                {
                    var verbose = parseResult.GetValue(Verbose);
                    var quiet = parseResult.GetValue(Quiet);
                    if (verbose && quiet)
                    {
                        throw DiagnosticCodes.QuietWithVerbose.ToException();
                    }

                    var human = HumanOutput.Create(toStandardError: json, verbose, quiet);
                    return run(parseResult, new CommandOutput(json, verbose, human, new ConsoleSyncLogger(human, verbose)), ct);
                },
                cancellationToken);
        });
    }
}

/// <summary>Where a command's output goes: the JSON document, people's output, and the engine's log lines.</summary>
internal sealed record CommandOutput(bool Json, bool Verbose, HumanOutput Human, ConsoleSyncLogger Logger);
