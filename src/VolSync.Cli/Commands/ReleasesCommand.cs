using System.CommandLine;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;

namespace VolSync.Cli.Commands;

/// <summary><c>volsync releases</c>: the releases recorded under a remote root, newest first, with the latest marked.</summary>
internal static class ReleasesCommand
{
    public static readonly string[] Examples =
    [
        "volsync releases --volume-path /Volumes/main/default/apps --path myapp",
        "volsync releases --catalog main --schema default --volume apps --path myapp --json | jq -r .latest",
    ];

    public static Command Create()
    {
        var volume = new VolumeOptions(withSubPath: true);
        var output = new OutputOptions();
        var connection = new ConnectionOptions();

        var command = new Command("releases", "List the releases of a remote root (one per upload that changed the files), newest first: id, created, file count, size, and which one is latest.");
        volume.AddTo(command);
        output.AddTo(command);
        connection.AddTo(command);
        output.SetAction(command, RunAsync);
        return command;

        async Task<int> RunAsync(ParseResult parseResult, CommandOutput io, CancellationToken cancellationToken)
        {
            var (json, _, human, logger) = io;
            var (session, location) = await ReleaseOptions.OpenAsync(parseResult, volume, connection, new SettingText(CliSettings.Names), [], io, cancellationToken).ConfigureAwait(false);
            using var _ = session;

            var result = await new VolumeSync(session.Client, logger).ListReleasesAsync(location, cancellationToken).ConfigureAwait(false);
            var exitCode = result.Succeeded ? ExitCodes.Success : ExitCodes.FilesFailed;
            ReleasesView.WriteTable(human, result);
            foreach (var broken in result.Releases.Where(r => r.Error is not null))
            {
                ErrorReporter.Error(broken.ErrorCode ?? DiagnosticCodes.ManifestInvalid.Code, broken.Error!);
            }

            if (json)
            {
                ReleasesView.WriteJson(Console.Out, result, exitCode);
            }

            return exitCode;
        }
    }
}
