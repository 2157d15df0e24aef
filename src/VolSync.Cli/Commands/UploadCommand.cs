using System.CommandLine;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;
using VolSync.Naming;
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
        "volsync upload ./bin/publish --volume-path /Volumes/main/default/apps --path myapp/current --naming original",
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
        var force = new Option<bool>("--force") { Description = "Hash every selected file again and upload it, even when an identical copy is already there." };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither use nor update the hash cache: every file is read and hashed in this run." };
        var createVolume = new Option<bool>("--create-volume") { Description = "Create the volume (MANAGED) when it does not exist; the catalog and schema must exist." };
        var maxConcurrent = new Option<string?>("--max-concurrent", "--max-concurrent-uploads")
        {
            Description = $"Requests in flight at once: a number {SyncDefaults.MinConcurrentUploads}-{SyncDefaults.MaxConcurrentUploadsLimit} (a hard cap; default {SyncDefaults.MaxConcurrentUploads}), or 'auto' to find the workspace's limit (starts at {ConcurrencyLimit.AutoInitial}, adapts between {ConcurrencyLimit.AutoMin} and {ConcurrencyLimit.AutoMax}). The Files API allows about 10 concurrent requests and 100 per second.",
            HelpName = "n|auto",
        };
        var multipartThreshold = new Option<string?>("--multipart-threshold")
        {
            Description = "Files of at least this size go in parts through presigned cloud-storage URLs, several at a time (default 50MiB; 5MiB to 5000MiB; files over 5000MiB always do); where the workspace does not allow them a file falls back to one PUT. 'off' sends every file with one PUT.",
            HelpName = "size|off",
        };
        var naming = new Option<string?>("--naming")
        {
            Description = "How files are named on the volume: 'hashed' (default: <name>_<sha256 prefix><ext>, versions side by side, switched atomically by the release manifest) or 'original' (files keep their own names and are overwritten in place, so an app runs from the volume).",
            HelpName = "hashed|original",
        };
        var hashLength = new HashLengthOption();
        var output = new OutputOptions();
        var connection = new ConnectionOptions();

        var command = new Command("upload", "Upload the files of a local folder that are new or changed to a Unity Catalog volume. Each file is stored as <name>_<sha256 prefix><ext> (or under its own name with --naming original), so unchanged files are skipped. A run that changes the files records a release: <root>/.volsync/latest.json says which files are current.");
        command.Arguments.Add(localPath);
        volume.AddTo(command);
        command.Options.Add(pattern);
        command.Options.Add(exclude);
        command.Options.Add(dryRun);
        command.Options.Add(force);
        command.Options.Add(noCache);
        command.Options.Add(createVolume);
        command.Options.Add(maxConcurrent);
        command.Options.Add(multipartThreshold);
        command.Options.Add(naming);
        command.Options.Add(hashLength);
        output.AddTo(command);
        connection.AddTo(command);

        output.SetAction(command, RunAsync);
        return command;

        async Task<int> RunAsync(ParseResult parseResult, CommandOutput io, CancellationToken cancellationToken)
        {
            var (json, verbose, human, logger) = io;

            // 1. Map and validate: every usage problem at once, before any credential or network call.
            var names = volume.Names(parseResult);
            var text = new SettingText(names);
            var config = new SyncConfig
            {
                LocalPath = parseResult.GetValue(localPath) ?? string.Empty,
                VolumePath = volume.VolumePathText(parseResult),
                Catalog = parseResult.GetValue(volume.Catalog),
                Schema = parseResult.GetValue(volume.Schema),
                Volume = parseResult.GetValue(volume.Volume),
                RemotePath = volume.SubPath is null ? null : parseResult.GetValue(volume.SubPath),
                Patterns = parseResult.GetValue(pattern) ?? [],
                ExcludePatterns = parseResult.GetValue(exclude) ?? [],
                DryRun = parseResult.GetValue(dryRun),
                Force = parseResult.GetValue(force),
                UseHashCache = !parseResult.GetValue(noCache),
                CreateVolume = parseResult.GetValue(createVolume),
                Concurrency = text.Concurrency(parseResult.GetValue(maxConcurrent)),
                HashLength = text.HashLength(parseResult.GetValue(hashLength)),
                Naming = text.Naming(parseResult.GetValue(naming)),
                MultipartThreshold = text.MultipartThreshold(parseResult.GetValue(multipartThreshold)),
            };
            var notices = new RetryNotices(human);
            var settings = connection.ToSettings(parseResult, text, io, notices.Report);
            CliSettings.ThrowIfAny(volume.CheckGivenOnce(parseResult).Concat(text.Problems).Concat(config.Validate(names)).Concat(settings.Validate(names)));

            // 2. Connect, check (or create) the volume, sync.
            using var session = await DatabricksConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
            var volumeCheck = await VolumePreflight.EnsureVolumeAsync(session.Client, config.Target, config.CreateVolume, config.DryRun, names, cancellationToken).ConfigureAwait(false);
            human.Note($"{(config.DryRun ? "Dry run: " : string.Empty)}{Path.GetFullPath(config.LocalPath)} -> {config.Target.RemoteRoot}");
            switch (volumeCheck.Outcome)
            {
                case VolumePreflightOutcome.Created:
                    human.Note($"Created volume {config.Target.FullName}.");
                    break;
                case VolumePreflightOutcome.WouldBeCreated:
                    human.Note($"The volume {config.Target.FullName} does not exist and would be created.");
                    break;
            }

            var engine = new VolumeSync(session.Client, logger);
            var result = await SyncWithProgressAsync(human, verbose, notices, progress => engine.SyncAsync(config, progress, cancellationToken)).ConfigureAwait(false);

            // 3. Render.
            SyncSummaryView.Write(human, result);
            human.Flush();
            var exitCode = ExitCodes.For(result);
            if (result.FailureCount > 0)
            {
                ErrorReporter.Report(DiagnosticCodes.FilesFailed.Create(result.FailureCount, result.Files.Count));
            }

            if (result.ReleaseDiagnostic is { } releaseError)
            {
                ErrorReporter.Report(releaseError);
            }

            if (json)
            {
                JsonResultWriter.WriteResult(Console.Out, result, exitCode);
            }

            return exitCode;
        }
    }

    /// <summary>Runs the sync under the progress display of the output mode: live bars, plain lines, or none (<c>--quiet</c>).</summary>
    /// <remarks>Retry notices show in the live view's own row while it runs, and as plain lines otherwise.</remarks>
    private static async Task<SyncResult> SyncWithProgressAsync(HumanOutput human, bool verbose, RetryNotices notices, Func<IProgress<SyncProgress>?, Task<SyncResult>> sync)
    {
        switch (human.Mode)
        {
            case OutputMode.Live:
                return await LiveProgressView.RunAsync(human.Console, progress => sync(progress), notices).ConfigureAwait(false);
            case OutputMode.Plain:
                using (var plain = new PlainProgressWriter(human, verbose))
                {
                    return await sync(plain).ConfigureAwait(false);
                }

            default:
                return await sync(null).ConfigureAwait(false);
        }
    }
}
