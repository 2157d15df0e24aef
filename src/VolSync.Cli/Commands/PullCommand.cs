using System.CommandLine;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;
using VolSync.Releases;

namespace VolSync.Cli.Commands;

/// <summary><c>volsync pull</c>: download a release into a folder under its original names, each file verified.</summary>
internal static class PullCommand
{
    public static readonly string[] Examples =
    [
        "volsync pull --volume-path /Volumes/main/default/apps --path myapp --to ./myapp",
        "volsync pull --volume-path /Volumes/main/default/apps --path myapp --release 20250102T030405678Z-1a2b3c4d --to ./rollback",
    ];

    public static Command Create()
    {
        var volume = new VolumeOptions(withSubPath: true);
        var to = new Option<string>("--to")
        {
            Description = "The local folder to download into (created when missing). Nothing outside it is ever written.",
            HelpName = "dir",
            Required = true,
        };
        var release = ReleaseOptions.ReleaseId("pull");
        var maxConcurrent = ReleaseOptions.MaxConcurrent("Downloads");
        var output = new OutputOptions();
        var connection = new ConnectionOptions();

        var command = new Command("pull", "Download a release (default: the latest) into a local folder under the original relative paths. Each file's SHA-256 is checked while it streams and it is written atomically; files already right are skipped.");
        volume.AddTo(command);
        command.Options.Add(to);
        command.Options.Add(release);
        command.Options.Add(maxConcurrent);
        output.AddTo(command);
        connection.AddTo(command);
        output.SetAction(command, RunAsync);
        return command;

        async Task<int> RunAsync(ParseResult parseResult, CommandOutput io, CancellationToken cancellationToken)
        {
            var (json, verbose, human, logger) = io;
            var text = new SettingText(CliSettings.Names);
            var options = new PullOptions
            {
                Destination = parseResult.GetValue(to) ?? string.Empty,
                ReleaseId = parseResult.GetValue(release),
                MaxConcurrentDownloads = text.MaxConcurrentUploads(parseResult.GetValue(maxConcurrent)),
            };
            var (session, location) = await ReleaseOptions.OpenAsync(parseResult, volume, connection, text, [.. ReleaseOptions.ConcurrencyProblems(options.MaxConcurrentDownloads)], io, cancellationToken).ConfigureAwait(false);
            using var _ = session;

            human.Line($"Pulling {(options.ReleaseId is { } id ? "release " + id : "the latest release")} of {location.RemoteRoot} -> {Path.GetFullPath(options.Destination)}");
            var progress = new ReleaseProgressWriter(human, verbose, nameof(PullOutcome.Skipped));
            var result = await new VolumeSync(session.Client, logger).PullAsync(location, options, progress, cancellationToken).ConfigureAwait(false);

            PullView.WriteSummary(human, result);
            var exitCode = result.Succeeded ? ExitCodes.Success : ExitCodes.FilesFailed;
            foreach (var file in result.Files.Where(f => f.Outcome == PullOutcome.Failed))
            {
                ErrorReporter.Error(file.ErrorCode ?? DiagnosticCodes.PullFileNotWritten.Code, file.Error ?? file.Path);
            }

            if (!result.Succeeded)
            {
                ErrorReporter.Report(DiagnosticCodes.PullFilesFailed.Create(result.FailedCount, result.Files.Count, result.ReleaseId));
            }

            if (json)
            {
                PullView.WriteJson(Console.Out, result, exitCode);
            }

            return exitCode;
        }
    }
}
