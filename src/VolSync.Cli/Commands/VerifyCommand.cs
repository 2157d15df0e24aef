using System.CommandLine;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;
using VolSync.Releases;

namespace VolSync.Cli.Commands;

/// <summary><c>volsync verify</c>: re-read every file of a release from the volume and check its size and SHA-256.</summary>
internal static class VerifyCommand
{
    public static readonly string[] Examples =
    [
        "volsync verify --volume-path /Volumes/main/default/apps --path myapp",
        "volsync verify --volume-path /Volumes/main/default/apps --path myapp --release 20250102T030405678Z-1a2b3c4d --json",
    ];

    public static Command Create()
    {
        var volume = new VolumeOptions(withSubPath: true);
        var release = ReleaseOptions.ReleaseId("verify");
        var maxConcurrent = ReleaseOptions.MaxConcurrent("Downloads");
        var output = new OutputOptions();
        var connection = new ConnectionOptions();

        var command = new Command("verify", "Download every file of a release (default: the latest) and check its size and SHA-256 against the release manifest. Exit 1 names each missing or different file.");
        volume.AddTo(command);
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
            var downloads = text.MaxConcurrentUploads(parseResult.GetValue(maxConcurrent));
            var (session, location) = await ReleaseOptions.OpenAsync(parseResult, volume, connection, text, [.. ReleaseOptions.ConcurrencyProblems(downloads)], io, cancellationToken).ConfigureAwait(false);
            using var _ = session;

            human.Line($"Verifying {(parseResult.GetValue(release) is { } id ? "release " + id : "the latest release")} of {location.RemoteRoot}...");
            var progress = new ReleaseProgressWriter(human, verbose, nameof(VerifyOutcome.Ok));
            var result = await new VolumeSync(session.Client, logger)
                .VerifyAsync(location, parseResult.GetValue(release), downloads, progress, cancellationToken)
                .ConfigureAwait(false);

            VerifyView.WriteSummary(human, result);
            var exitCode = result.Succeeded ? ExitCodes.Success : ExitCodes.FilesFailed;
            foreach (var file in result.Files.Where(f => f.Outcome != VerifyOutcome.Ok))
            {
                ErrorReporter.Error(file.ErrorCode ?? DiagnosticCodes.ReleaseFileDifferent.Code, file.Error ?? file.Path);
            }

            if (!result.Succeeded)
            {
                ErrorReporter.Report(DiagnosticCodes.VerifyFoundProblems.Create(result.Files.Count - result.OkCount, result.Files.Count, result.ReleaseId));
            }

            if (json)
            {
                VerifyView.WriteJson(Console.Out, result, exitCode);
            }

            return exitCode;
        }
    }
}
