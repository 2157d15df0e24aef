using System.CommandLine;
using System.CommandLine.Parsing;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;

namespace VolSync.Cli.Commands;

/// <summary><c>volsync upload</c>: sync a local folder into a volume, uploading only what changed.</summary>
internal static class UploadCommand
{
    public static readonly string[] Examples =
    [
        "volsync upload ./bin/publish --catalog main --schema default --volume apps",
        "volsync upload ./bin/publish --volume-path /Volumes/main/default/apps --path myapp/1.0.0",
        "volsync upload ./docs --catalog main --schema default --volume documents --pattern \"*.txt\" --pattern \"*.json\" --exclude \"*draft*\" --dry-run --verbose",
        "volsync upload ./data --volume-path /Volumes/main/default/raw --json > result.json",
    ];

    public static Command Create()
    {
        var localPath = new Argument<string>("local-path") { Description = "The local folder to sync (its sub-folders are kept under the remote root)." };
        var volume = new VolumeOptions(withSubPath: true);
        var pattern = new Option<string[]>("--pattern")
        {
            Description = "Include only files matching this glob (repeatable; default: every file). Without '/' it matches the file name at any depth: \"*.txt\"; with '/' it is relative to the folder: \"docs/**/*.md\".",
            HelpName = "glob",
        };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Skip files matching this glob (repeatable); an exclude always wins over a --pattern.",
            HelpName = "glob",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be uploaded; write nothing." };
        var force = new Option<bool>("--force") { Description = "Upload every selected file, even when an identical copy is already there." };
        var maxConcurrent = new Option<ConcurrencyLimit>("--max-concurrent", "--max-concurrent-uploads")
        {
            Description = "Requests in flight at once: a number 1-64 (a hard cap; default 5), or 'auto' to find the workspace's limit (starts at 5, adapts between 1 and 32). The Files API allows about 10 concurrent requests and 100 per second.",
            HelpName = "n|auto",
            DefaultValueFactory = _ => ConcurrencyLimit.Fixed(ConcurrencyLimit.Default),
            CustomParser = ParseConcurrency,
        };
        var output = new OutputOptions();
        var connection = new ConnectionOptions();

        var command = new Command("upload", "Upload the files of a local folder that are new or changed to a Unity Catalog volume. Each file is stored as <name>_<sha256 prefix><ext>, so unchanged files are skipped.");
        command.Arguments.Add(localPath);
        volume.AddTo(command);
        command.Options.Add(pattern);
        command.Options.Add(exclude);
        command.Options.Add(dryRun);
        command.Options.Add(force);
        command.Options.Add(maxConcurrent);
        output.AddTo(command);
        connection.AddTo(command);

        output.SetAction(command, RunAsync);
        return command;

        async Task<int> RunAsync(ParseResult parseResult, CommandOutput io, CancellationToken cancellationToken)
        {
            var (json, verbose, human, logger) = io;

            var location = volume.Resolve(parseResult);
            var concurrency = parseResult.GetValue(maxConcurrent) ?? ConcurrencyLimit.Fixed(ConcurrencyLimit.Default);
            var config = new SyncConfig
            {
                LocalPath = Path.GetFullPath(parseResult.GetValue(localPath) ?? "."),
                VolumePath = parseResult.GetValue(volume.VolumePath),
                Catalog = parseResult.GetValue(volume.Catalog),
                Schema = parseResult.GetValue(volume.Schema),
                Volume = parseResult.GetValue(volume.Volume),
                RemotePath = volume.SubPath is null ? null : parseResult.GetValue(volume.SubPath),
                Patterns = parseResult.GetValue(pattern) ?? [],
                ExcludePatterns = parseResult.GetValue(exclude) ?? [],
                DryRun = parseResult.GetValue(dryRun),
                ForceUpload = parseResult.GetValue(force),
                MaxConcurrentUploads = concurrency.IsAuto ? ConcurrencyLimit.Default : concurrency.Max,
                AutoConcurrency = concurrency.IsAuto,
            };

            var notices = new RetryNotices(line => human.Line("  " + line));
            using var session = await RemoteSession.OpenAsync(connection, parseResult, logger, cancellationToken, notices.Report).ConfigureAwait(false);
            await session.EnsureVolumeExistsAsync(location, cancellationToken).ConfigureAwait(false);

            human.Line($"{(config.DryRun ? "Dry run: " : string.Empty)}{config.LocalPath} -> {location.RemoteRoot}");
            var engine = new VolumeSync(session.Client, logger);
            var result = human.Live
                ? await LiveProgressView.RunAsync(human.Console, progress => engine.SyncAsync(config, progress, cancellationToken), notices).ConfigureAwait(false)
                : await engine.SyncAsync(config, new PlainProgressWriter(human, verbose), cancellationToken).ConfigureAwait(false);

            SyncSummaryView.Write(human, result);
            human.Flush();
            var exitCode = ExitCodes.For(result);
            if (result.FailureCount > 0)
            {
                ErrorReporter.Error(DiagnosticCodes.FilesFailed.ToException(result.FailureCount, result.Files.Count));
            }

            if (json)
            {
                JsonResultWriter.WriteResult(Console.Out, result, exitCode);
            }

            return exitCode;
        }
    }

    private static ConcurrencyLimit ParseConcurrency(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (ConcurrencyLimit.TryParse(text, out var limit))
        {
            // The range (1-64) is checked with the other settings, under the engine's code.
            return limit;
        }

        result.AddError($"--max-concurrent expects a number from 1 to 64 or 'auto', not '{text}'.");
        return ConcurrencyLimit.Fixed(ConcurrencyLimit.Default);
    }
}
