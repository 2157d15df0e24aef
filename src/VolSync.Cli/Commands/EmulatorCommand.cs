using System.CommandLine;
using VolSync.Emulator;

namespace VolSync.Cli.Commands;

/// <summary>
/// <c>volsync emulator</c>: a local Databricks Files and Unity Catalog API on 127.0.0.1 to try VolSync without a
/// workspace. Its options are the standalone emulator's, parsed by the same <see cref="EmulatorCommandLine"/>
/// (so the same flags give the same errors); the parser here only passes them through.
/// </summary>
internal static class EmulatorCommand
{
    public static readonly string[] Examples =
    [
        "volsync emulator --port 8080 --root ./emulator-data",
        "volsync emulator --port 0 --token demo-token --latency-ms 50 --rate-429 0.05 --seed 42",
        "volsync emulator --oauth-client my-sp:my-secret --token-lifetime 60 --retry-after 2",
        "export DATABRICKS_HOST=http://127.0.0.1:8080 DATABRICKS_TOKEN=demo-token   # in another shell, then run volsync upload ...",
    ];

    /// <summary>The emulator's options, listed in <c>--help</c> after the parser's own section.</summary>
    public static string OptionsHelp => EmulatorCommandLine.Usage[(EmulatorCommandLine.Usage.IndexOf('\n', StringComparison.Ordinal) + 2)..];

    public static Command Create()
    {
        var command = new Command("emulator", "Run a local Databricks Files + Unity Catalog API emulator on 127.0.0.1 (catalog 'main' with schema 'default' exists). Prints 'VolSync emulator listening on <url>' first and serves until Ctrl+C.")
        {
            // Every token after "emulator" goes to EmulatorCommandLine unchanged.
            TreatUnmatchedTokensAsErrors = false,
        };

        command.SetAction((parseResult, cancellationToken) =>
            CommandRunner.RunAsync(
                json: false,
                ct => EmulatorRunner.RunAsync(EmulatorCommandLine.Parse(parseResult.UnmatchedTokens), Console.Out, ct),
                cancellationToken));
        return command;
    }
}
