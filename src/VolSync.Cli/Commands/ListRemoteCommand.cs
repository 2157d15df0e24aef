using System.CommandLine;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Cli.Commands;

/// <summary><c>volsync list-remote</c>: what a volume (or a folder of it) holds, with the original names and hashes.</summary>
internal static class ListRemoteCommand
{
    public static readonly string[] Examples =
    [
        "volsync list-remote --catalog main --schema default --volume documents",
        "volsync list-remote --volume-path /Volumes/main/default/apps --path myapp/1.0.0",
        "volsync list-remote --volume-path /Volumes/main/default/apps --json | jq '.[].originalName'",
    ];

    public static Command Create()
    {
        var volume = new VolumeOptions(withSubPath: true);
        var hashLength = new HashLengthOption();
        var output = new OutputOptions();
        var connection = new ConnectionOptions();

        var command = new Command("list-remote", "List the files under a volume (recursively): the original name, the content hash in the remote name, size and modification time. Files not named by VolSync are listed without a hash.");
        volume.AddTo(command);
        command.Options.Add(hashLength);
        output.AddTo(command);
        connection.AddTo(command);

        output.SetAction(command, RunAsync);
        return command;

        async Task<int> RunAsync(ParseResult parseResult, CommandOutput io, CancellationToken cancellationToken)
        {
            var (json, verbose, human, logger) = io;

            var names = volume.Names(parseResult);
            var text = new SettingText(names);
            var problems = new List<Diagnostic>();
            var location = volume.TryResolve(parseResult, problems);
            var length = text.HashLength(parseResult.GetValue(hashLength));
            if (SyncConfig.CheckHashLength(length, names) is { } hashLengthProblem)
            {
                problems.Add(hashLengthProblem);
            }

            var settings = connection.ToSettings(parseResult, text, io);
            CliSettings.ThrowIfAny(text.Problems.Concat(problems).Concat(settings.Validate(names)));

            using var session = await DatabricksConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
            await VolumePreflight.EnsureVolumeAsync(session.Client, location!, createIfMissing: false, dryRun: false, names, cancellationToken).ConfigureAwait(false);

            var engine = new VolumeSync(session.Client, logger);
            var files = new List<RemoteFileInfo>();
            await foreach (var file in engine.ListRemoteAsync(location!, length, cancellationToken).ConfigureAwait(false))
            {
                files.Add(file);
            }

            files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
            if (json)
            {
                RemoteFilesView.WriteJson(Console.Out, files);
            }
            else
            {
                RemoteFilesView.WriteTable(human, location!.RemoteRoot, files);
            }

            return ExitCodes.Success;
        }
    }
}
