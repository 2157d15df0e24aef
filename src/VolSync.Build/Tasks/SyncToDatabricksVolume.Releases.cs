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

    /// <summary>Keep this many releases and prune the rest after a successful sync (<c>VolSyncKeepReleases</c>); 0 never prunes.</summary>
    public int KeepReleases { get; set; }

    /// <summary>Files younger than this are never pruned (<c>VolSyncPruneMinAge</c>: 0, 30s, 15m, 1h, 2d); empty means 1h.</summary>
    public string? PruneMinAge { get; set; }

    /// <summary>Recorded in the release manifest's <c>source.project</c> (the targets pass <c>$(MSBuildProjectName)</c>).</summary>
    public string? ProjectName { get; set; }

    /// <summary>Recorded in the release manifest's <c>source.configuration</c> (the targets pass <c>$(Configuration)</c>).</summary>
    public string? Configuration { get; set; }

    /// <summary>The release the remote root holds after this run (new or unchanged); empty when none was recorded.</summary>
    [Output]
    public string ReleaseId { get; private set; } = string.Empty;

    /// <summary>The remote path of that release's manifest, <c>&lt;root&gt;/.volsync/releases/&lt;id&gt;.json</c>.</summary>
    [Output]
    public string ManifestPath { get; private set; } = string.Empty;

    private NamingMode NamingMode => NamingModes.TryParse(Naming, out var mode) ? mode : NamingMode.Hashed;

    private bool ValidateReleaseInputs()
    {
        var ok = true;
        if (!string.IsNullOrWhiteSpace(Naming) && !NamingModes.TryParse(Naming, out _))
        {
            LogCodedError(DiagnosticCodes.NamingInvalid.ToException(Naming));
            ok = false;
        }

        if (KeepReleases < 0)
        {
            LogCodedError(DiagnosticCodes.KeepReleasesOutOfRange.ToException(KeepReleases));
            ok = false;
        }

        if (!string.IsNullOrWhiteSpace(PruneMinAge) && !PruneOptions.TryParseMinAge(PruneMinAge, out _))
        {
            LogCodedError(DiagnosticCodes.MinAgeInvalid.ToException(PruneMinAge));
            ok = false;
        }

        return ok;
    }

    /// <summary>
    /// Prunes after a sync in which everything succeeded, when <see cref="KeepReleases"/> asks for it. A prune that
    /// cannot run or cannot delete everything warns: the publish itself succeeded. A dry run only plans.
    /// </summary>
    private async Task<PruneResult?> PruneAfterSyncAsync(VolumeSync engine, VolumeLocation location, SyncResult result, MSBuildSyncLogger logger, CancellationToken cancellationToken)
    {
        if (KeepReleases <= 0 || !result.Succeeded)
        {
            return null;
        }

        if (NamingMode == NamingMode.Original)
        {
            logger.Log(SyncLogLevel.Warning, DiagnosticCodes.PruneOriginalNames.Format(location.RemoteRoot) + " Remove VolSyncKeepReleases for this project.", DiagnosticCodes.PruneOriginalNames.Code);
            return null;
        }

        var options = new PruneOptions
        {
            Keep = KeepReleases,
            MinAge = string.IsNullOrWhiteSpace(PruneMinAge) ? PruneOptions.DefaultMinAge : PruneOptions.ParseMinAge(PruneMinAge),
            DryRun = DryRun,
            MaxConcurrentDeletes = MaxConcurrentUploads,
        };
        try
        {
            return await engine.PruneAsync(location, options, progress: null, cancellationToken).ConfigureAwait(false);
        }
        catch (VolSyncException ex)
        {
            // The release is recorded and complete; only the clean-up did not happen.
            logger.Log(SyncLogLevel.Warning, ex.MessageWithoutCode, ex.Code);
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

        foreach (var failed in pruned.Releases.Concat(pruned.Files).Concat(pruned.Directories).Where(e => e.Outcome == PruneOutcome.Failed))
        {
            var code = failed.ErrorCode ?? DiagnosticCodes.PruneDeletesFailed.Code;
            Log.LogWarning(subcategory: null, warningCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: MSBuildSyncLogger.StripCode(failed.Error ?? failed.RemotePath, code));
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

    private string ReleaseNote(SyncResult result) => result.ReleaseId switch
    {
        null => Log.FormatResourceString("ReleaseNone"),
        var id when result.ReleaseCreated => Log.FormatResourceString("ReleaseNew", id),
        var id => Log.FormatResourceString("ReleaseUnchanged", id),
    };

    private void LogCodedError(VolSyncException error) =>
        Log.LogError(subcategory: null, errorCode: error.Code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: error.MessageWithoutCode);
}
