using System.CommandLine;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;
using VolSync.Releases;

namespace VolSync.Cli.Commands;

/// <summary><c>volsync prune</c>: keep the newest releases of a hashed-names root and delete what only older ones used.</summary>
internal static class PruneCommand
{
    public static readonly string[] Examples =
    [
        "volsync prune --volume-path /Volumes/main/default/apps --path myapp --keep 3 --dry-run",
        "volsync prune --volume-path /Volumes/main/default/apps --path myapp --keep 3",
        "volsync prune --volume-path /Volumes/main/default/apps --path myapp --keep 1 --min-age 0 --unreferenced --json",
    ];

    public static Command Create()
    {
        var volume = new VolumeOptions(withSubPath: true);
        var keep = new Option<string>("--keep")
        {
            Description = "How many of the newest releases to keep (at least 1; the latest is always kept).",
            HelpName = "n",
            Required = true,
        };
        var minAge = new Option<string?>("--min-age")
        {
            Description = $"Never delete files younger than this (server time): 0, 30s, 15m, 1h, 2d (default {PruneOptions.FormatMinAge(PruneOptions.DefaultMinAge)}). Protects the files of a sync in progress.",
            HelpName = "duration",
        };
        var unreferenced = new Option<bool>("--unreferenced") { Description = "Also delete files with VolSync hashed names that no kept release lists (left by failed runs)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan; delete nothing." };
        var maxConcurrent = ReleaseOptions.MaxConcurrent("Deletes");
        var output = new OutputOptions();
        var connection = new ConnectionOptions();

        var command = new Command("prune", "Keep the N newest releases of a remote root and delete the other release manifests, plus the files only those releases used (older than --min-age). Files VolSync did not name are never touched. The plan is printed before anything is deleted.");
        volume.AddTo(command);
        command.Options.Add(keep);
        command.Options.Add(minAge);
        command.Options.Add(unreferenced);
        command.Options.Add(dryRun);
        command.Options.Add(maxConcurrent);
        output.AddTo(command);
        connection.AddTo(command);
        output.SetAction(command, RunAsync);
        return command;

        async Task<int> RunAsync(ParseResult parseResult, CommandOutput io, CancellationToken cancellationToken)
        {
            var (json, verbose, human, logger) = io;
            var text = new SettingText(CliSettings.Names);
            var options = new PruneOptions
            {
                Keep = text.KeepReleases(parseResult.GetValue(keep)) ?? 0,
                MinAge = text.MinAge(parseResult.GetValue(minAge)),
                Unreferenced = parseResult.GetValue(unreferenced),
                DryRun = parseResult.GetValue(dryRun),
                MaxConcurrentDeletes = text.MaxConcurrentUploads(parseResult.GetValue(maxConcurrent)),
            };

            // A value that could not be read already has its problem (same code); range-check the others.
            var rangeProblems = options.Validate(CliSettings.Names).Where(p => text.Problems.All(t => t.Code != p.Code)).ToList();
            var (session, location) = await ReleaseOptions.OpenAsync(parseResult, volume, connection, text, rangeProblems, io, cancellationToken).ConfigureAwait(false);
            using var _ = session;

            var engine = new VolumeSync(session.Client, logger);
            var plan = await engine.PlanPruneAsync(location, options, cancellationToken).ConfigureAwait(false);
            PruneView.WritePlan(human, plan);
            var result = await engine.ExecutePruneAsync(plan, new ReleaseProgressWriter(human, verbose, nameof(PruneOutcome.Deleted)), cancellationToken).ConfigureAwait(false);

            PruneView.WriteSummary(human, result);
            var exitCode = result.Succeeded ? ExitCodes.Success : ExitCodes.FilesFailed;
            foreach (var entry in result.Releases.Concat(result.Files).Concat(result.Directories).Where(e => e.Outcome == PruneOutcome.Failed))
            {
                ErrorReporter.Error(entry.ErrorCode ?? DiagnosticCodes.PruneDeletesFailed.Code, entry.Error ?? entry.RemotePath);
            }

            if (!result.Succeeded)
            {
                ErrorReporter.Report(DiagnosticCodes.PruneDeletesFailed.Create(result.FailedCount, result.Releases.Count + result.Files.Count + result.Directories.Count));
            }

            if (json)
            {
                PruneView.WriteJson(Console.Out, result, exitCode);
            }

            return exitCode;
        }
    }
}
