using System.CommandLine;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Cli.Commands;

/// <summary>
/// <c>volsync upload</c>: sync a local folder into a volume, uploading only what changed. Maps options to
/// <see cref="SyncConfig"/>, lets VolSync.Core validate, connect, check the volume and sync, and renders the result.
/// </summary>
internal static class UploadCommand
{
    public static readonly string[] Examples =
    [
        "volsync upload ./bin/publish --catalog main --schema default --volume apps",
        "volsync upload ./bin/publish --volume-path /Volumes/main/default/apps --path myapp/1.0.0 --create-volume",
        "volsync upload ./docs --catalog main --schema default --volume documents --pattern \"*.txt\" --pattern \"*.json\" --exclude \"*draft*\" --dry-run --verbose",
        "volsync upload ./data --volume-path /Volumes/main/default/raw --json > result.json",
    ];

    public static Command Create()
    {
        var localPath = new Argument<string>("local-path") { Description = "The local folder to sync (its sub-folders are kept under the remote root)." };
        var volume = new VolumeOptions(withSubPath: true);
        var pattern = new Option<string[]>("--pattern")
        {
            Description = "Include only files matching this glob (repeatable; default: every file). Without '/' it matches the file name at any depth: \"*.txt\"; with '/' it is relative to the folder: \"docs/**/*.md\", \"/app.json\".",
            HelpName = "glob",
        };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Skip files matching this glob (repeatable); an exclude always wins over a --pattern.",
            HelpName = "glob",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be uploaded; write nothing." };
        var force = new Option<bool>("--force") { Description = "Upload every selected file, even when an identical copy is already there." };
        var createVolume = new Option<bool>("--create-volume") { Description = "Create the volume (MANAGED) when it does not exist; the catalog and schema must exist." };
        var maxConcurrent = new Option<string?>("--max-concurrent", "--max-concurrent-uploads")
        {
            Description = $"Requests in flight at once: a number {SyncDefaults.MinConcurrentUploads}-{SyncDefaults.MaxConcurrentUploadsLimit} (a hard cap; default {SyncDefaults.MaxConcurrentUploads}), or 'auto' to find the workspace's limit (starts at {ConcurrencyLimit.AutoInitial}, adapts between {ConcurrencyLimit.AutoMin} and {ConcurrencyLimit.AutoMax}). The Files API allows about 10 concurrent requests and 100 per second.",
            HelpName = "n|auto",
        };
        var hashLength = new HashLengthOption();
        var output = new OutputOptions();
        var connection = new ConnectionOptions();

        var command = new Command("upload", "Upload the files of a local folder that are new or changed to a Unity Catalog volume. Each file is stored as <name>_<sha256 prefix><ext>, so unchanged files are skipped.");
        command.Arguments.Add(localPath);
        volume.AddTo(command);
        command.Options.Add(pattern);
        command.Options.Add(exclude);
        command.Options.Add(dryRun);
        command.Options.Add(force);
        command.Options.Add(createVolume);
        command.Options.Add(maxConcurrent);
        command.Options.Add(hashLength);
        output.AddTo(command);
        connection.AddTo(command);

        output.SetAction(command, RunAsync);
        return command;

        async Task<int> RunAsync(ParseResult parseResult, CommandOutput io, CancellationToken cancellationToken)
        {
            var (json, verbose, human, logger) = io;

            // 1. Map and validate: every usage problem at once, before any credential or network call.
            var text = new SettingText(CliSettings.Names);
            var config = new SyncConfig
            {
                LocalPath = parseResult.GetValue(localPath) ?? string.Empty,
                VolumePath = parseResult.GetValue(volume.VolumePath),
                Catalog = parseResult.GetValue(volume.Catalog),
                Schema = parseResult.GetValue(volume.Schema),
                Volume = parseResult.GetValue(volume.Volume),
                RemotePath = volume.SubPath is null ? null : parseResult.GetValue(volume.SubPath),
                Patterns = parseResult.GetValue(pattern) ?? [],
                ExcludePatterns = parseResult.GetValue(exclude) ?? [],
                DryRun = parseResult.GetValue(dryRun),
                Force = parseResult.GetValue(force),
                CreateVolume = parseResult.GetValue(createVolume),
                Concurrency = text.Concurrency(parseResult.GetValue(maxConcurrent)),
                HashLength = text.HashLength(parseResult.GetValue(hashLength)),
            };
            var notices = new RetryNotices(line => human.Line("  " + line));
            var settings = connection.ToSettings(parseResult, text, logger, notices.Report);
            CliSettings.ThrowIfAny(text.Problems.Concat(config.Validate(CliSettings.Names)).Concat(settings.Validate(CliSettings.Names)));

            // 2. Connect, check (or create) the volume, sync.
            using var session = await DatabricksConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
            var volumeCheck = await VolumePreflight.EnsureVolumeAsync(session.Client, config.Target, config.CreateVolume, config.DryRun, CliSettings.Names, cancellationToken).ConfigureAwait(false);
            human.Line($"{(config.DryRun ? "Dry run: " : string.Empty)}{Path.GetFullPath(config.LocalPath)} -> {config.Target.RemoteRoot}");
            switch (volumeCheck.Outcome)
            {
                case VolumePreflightOutcome.Created:
                    human.Line($"Created volume {config.Target.FullName}.");
                    break;
                case VolumePreflightOutcome.WouldBeCreated:
                    human.Line($"The volume {config.Target.FullName} does not exist and would be created.");
                    break;
            }

            var engine = new VolumeSync(session.Client, logger);
            var result = human.Live
                ? await LiveProgressView.RunAsync(human.Console, progress => engine.SyncAsync(config, progress, cancellationToken), notices).ConfigureAwait(false)
                : await engine.SyncAsync(config, new PlainProgressWriter(human, verbose), cancellationToken).ConfigureAwait(false);

            // 3. Render.
            SyncSummaryView.Write(human, result);
            human.Flush();
            var exitCode = ExitCodes.For(result);
            if (result.FailureCount > 0)
            {
                ErrorReporter.Report(DiagnosticCodes.FilesFailed.Create(result.FailureCount, result.Files.Count));
            }

            if (json)
            {
                JsonResultWriter.WriteResult(Console.Out, result, exitCode);
            }

            return exitCode;
        }
    }
}
