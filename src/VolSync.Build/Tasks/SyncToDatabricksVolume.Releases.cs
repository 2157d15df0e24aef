using Microsoft.Build.Framework;
using VolSync.Build.Logging;
using VolSync.Diagnostics;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Build;

// Releases (SPEC §8, §9): the naming mode, what the manifest records as its source, the release outputs, and the
// prune after a successful sync (VolSyncKeepReleases).
public sealed partial class SyncToDatabricksVolume
{
    /// <summary><c>hashed</c> (default) or <c>original</c> (<c>VolSyncNaming</c>).</summary>
    public string? Naming { get; set; }

    /// <summary>Keep this many releases and prune the rest after a successful sync (<c>VolSyncKeepReleases</c>); empty or 0 never prunes.</summary>
    public string? KeepReleases { get; set; }

    /// <summary>Files younger than this are never pruned (<c>VolSyncPruneMinAge</c>: 0, 30s, 15m, 1h, 2d); empty means 1h.</summary>
    public string? PruneMinAge { get; set; }

    /// <summary>Recorded in the release manifest's <c>source.configuration</c> (the targets pass <c>$(Configuration)</c>).</summary>
    public string? Configuration { get; set; }

    /// <summary>The release the remote root holds after this run (new or unchanged); empty when none was recorded.</summary>
    [Output]
    public string ReleaseId { get; private set; } = string.Empty;

    /// <summary>The remote path of that release's manifest, <c>&lt;root&gt;/.volsync/releases/&lt;id&gt;.json</c>.</summary>
    [Output]
    public string ManifestPath { get; private set; } = string.Empty;

    /// <summary>The prune to run after the sync (null: none), with its problems reported with the sync's.</summary>
    private static (PruneOptions? Options, IReadOnlyList<Diagnostic> Problems) MapPrune(SettingText text, SyncConfig config, string? keepReleases, string? minAge)
    {
        var keep = text.KeepReleases(keepReleases);
        var age = text.MinAge(minAge);
        if (keep is null or 0)
        {
            return (null, []);
        }

        var options = new PruneOptions { Keep = keep.Value, MinAge = age, DryRun = config.DryRun, MaxConcurrentDeletes = config.MaxConcurrentUploads };
        return (options, options.Validate(Names));
    }

    /// <summary>
    /// Prunes after a sync in which everything succeeded, when VolSyncKeepReleases asks for it. A prune that cannot
    /// run or cannot delete everything warns: the publish itself succeeded. A dry run only plans.
    /// </summary>
    private static async Task<PruneResult?> PruneAfterSyncAsync(VolumeSync engine, SyncConfig config, PruneOptions? options, SyncResult result, MSBuildSyncLogger logger, CancellationToken cancellationToken)
    {
        if (options is null || !result.Succeeded)
        {
            return null;
        }

        if (config.Naming == NamingMode.Original)
        {
            logger.Report(DiagnosticCodes.PruneOriginalNames.Create(config.Target.RemoteRoot) with { Severity = DiagnosticSeverity.Warning });
            return null;
        }

        try
        {
            return await engine.PruneAsync(config.Target, options, progress: null, cancellationToken).ConfigureAwait(false);
        }
        catch (VolSyncException ex)
        {
            // The release is recorded and complete; only the clean-up did not happen.
            foreach (var diagnostic in ex.Diagnostics)
            {
                logger.Report(diagnostic with { Severity = DiagnosticSeverity.Warning });
            }

            return null;
        }
    }

    private void PublishPrune(PruneResult? pruned)
    {
        if (pruned is null)
        {
            return;
        }

        var plan = pruned.Plan;
        if (pruned.DryRun)
        {
            Log.LogMessageFromResources(MessageImportance.High, "PruneSkippedDryRun", plan.KeptReleases.Count, plan.DeletedReleases.Count, plan.Files.Count, ByteSize.Format(plan.BytesToFree), plan.RemoteRoot);
            return;
        }

        foreach (var entry in pruned.Releases.Concat(pruned.Files).Concat(pruned.Directories))
        {
            if (entry.Outcome == PruneOutcome.Failed)
            {
                MSBuildSyncLogger.Report(Log, new Diagnostic(entry.ErrorCode ?? DiagnosticCodes.PruneDeletesFailed.Code, DiagnosticSeverity.Warning, entry.Error ?? entry.RemotePath));
            }
            else if (entry.Outcome == PruneOutcome.Deleted)
            {
                Log.LogMessageFromResources(MessageImportance.Normal, "PruneDeleted", entry.RemotePath);
            }
        }

        Log.LogMessageFromResources(
            MessageImportance.High,
            "PruneSummary",
            pruned.Releases.Count(r => r.Outcome == PruneOutcome.Deleted),
            pruned.DeletedFileCount,
            ByteSize.Format(pruned.BytesFreed),
            plan.KeptReleases.Count,
            plan.TooNew.Count,
            PruneOptions.FormatMinAge(plan.Options.MinAge),
            pruned.FailedCount,
            plan.RemoteRoot);
    }
}
