using System.CommandLine;
using System.CommandLine.Invocation;
using VolSync.Cli.Commands;
using VolSync.Cli.Help;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;

namespace VolSync.Cli;

/// <summary>
/// The <c>volsync</c> command tree and its invocation: parse errors become one coded line and exit 2 (not the
/// parser's default 1, which SPEC §4 reserves for failed files); signals are ours, not the parser's.
/// </summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = CreateRootCommand();
        var parseResult = root.Parse(args);
        // --help and --version win over errors ("upload --help" has no local path and still shows help).
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            var commandName = CommandPath(parseResult.CommandResult.Command);
            foreach (var error in parseResult.Errors)
            {
                var message = error.Message.Trim();
                message = message.EndsWith('.') ? message : message + ".";
                ErrorReporter.Report(DiagnosticCodes.CommandLineInvalid.Create(message, commandName));
            }

            return ExitCodes.SetupError;
        }

        using var cancellation = new ConsoleCancellation();
        var configuration = new InvocationConfiguration
        {
            // ConsoleCancellation owns SIGINT/SIGTERM, so the command decides how to stop and which code to exit with.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        return await parseResult.InvokeAsync(configuration, cancellation.Token).ConfigureAwait(false);
    }

    public static RootCommand CreateRootCommand()
    {
        var upload = UploadCommand.Create();
        var listRemote = ListRemoteCommand.Create();
        var createVolume = CreateVolumeCommand.Create();
        var releases = ReleasesCommand.Create();
        var prune = PruneCommand.Create();
        var verify = VerifyCommand.Create();
        var pull = PullCommand.Create();
        var emulator = EmulatorCommand.Create();

        var root = new RootCommand("volsync: sync local files into Databricks Unity Catalog volumes, uploading only what changed.\n"
            + "Credentials come from Databricks unified auth: DATABRICKS_HOST + DATABRICKS_TOKEN, OAuth M2M variables, a ~/.databrickscfg profile or the databricks CLI.\n"
            + "Exit codes: 0 done, 1 some files failed, 2 usage/configuration/authentication/remote-setup error, 130 cancelled.")
        {
            upload,
            listRemote,
            createVolume,
            releases,
            prune,
            verify,
            pull,
            emulator,
        };

        HelpExamples.Install(root, new Dictionary<Command, string[]>
        {
            [root] =
            [
                "volsync upload ./bin/publish --volume-path /Volumes/main/default/apps --path myapp/1.0.0",
                "volsync list-remote --catalog main --schema default --volume apps",
                "volsync create-volume --catalog main --schema default --volume apps",
                "volsync releases --volume-path /Volumes/main/default/apps --path myapp/1.0.0",
                "volsync pull --volume-path /Volumes/main/default/apps --path myapp/1.0.0 --to ./myapp",
                "volsync emulator --port 0",
                "volsync <command> --help",
            ],
            [upload] = UploadCommand.Examples,
            [listRemote] = ListRemoteCommand.Examples,
            [createVolume] = CreateVolumeCommand.Examples,
            [releases] = ReleasesCommand.Examples,
            [prune] = PruneCommand.Examples,
            [verify] = VerifyCommand.Examples,
            [pull] = PullCommand.Examples,
            [emulator] = EmulatorCommand.Examples,
        },
        new Dictionary<Command, string> { [emulator] = "Emulator options:\n" + EmulatorCommand.OptionsHelp });
        return root;
    }

    private static string CommandPath(Command command) => command is RootCommand ? "volsync" : "volsync " + command.Name;
}
