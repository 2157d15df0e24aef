using System.Globalization;
using System.Resources;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using VolSync.Auth;
using VolSync.Build.Logging;
using VolSync.Diagnostics;
using VolSync.Releases;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Build;

/// <summary>
/// Syncs a folder (by default the publish output) into a Databricks Unity Catalog volume, uploading only what
/// changed. A thin host: it maps its parameters (SyncToDatabricksVolume.Interface.cs) to <see cref="SyncConfig"/>
/// and <see cref="ConnectionSettings"/>, lets VolSync.Core validate, connect, check the volume and sync, and renders
/// the outcome as MSBuild messages, errors and outputs.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "MSBuild never disposes tasks; the source is left undisposed on purpose (see _cancellation).")]
public sealed partial class SyncToDatabricksVolume : Microsoft.Build.Utilities.Task, ICancelableTask
{
    internal static readonly ResourceManager Strings = new("VolSync.Build.Resources.Strings", typeof(SyncToDatabricksVolume).Assembly);

    /// <summary>The settings as this host spells them, so each message names the property to fix.</summary>
    internal static readonly SettingNames Names = new()
    {
        LocalPath = "VolSyncLocalPath",
        VolumePath = "VolSyncVolumePath",
        Catalog = "VolSyncCatalog",
        Schema = "VolSyncSchema",
        Volume = "VolSyncVolume",
        RemotePath = "VolSyncRemotePath",
        Patterns = "VolSyncInclude",
        ExcludePatterns = "VolSyncExclude",
        MaxConcurrentUploads = "VolSyncMaxConcurrentUploads",
        HashLength = "VolSyncHashLength",
        MultipartThreshold = "VolSyncMultipartThreshold",
        HashCacheDirectory = "VolSyncHashCacheDir",
        Force = "VolSyncForce",
        DryRun = "VolSyncDryRun",
        CreateVolume = "-p:VolSyncCreateVolume=true",
        RetryBudget = "VolSyncRetryBudget",
        Naming = "VolSyncNaming",
        KeepReleases = "VolSyncKeepReleases",
        PruneMinAge = "VolSyncPruneMinAge",
    };

    // Never disposed: Cancel() may race with the end of Execute(), and an undisposed source holds no resources
    // unless a timer or a registration is attached, which this one never has.
    private readonly CancellationTokenSource _cancellation = new();

    public SyncToDatabricksVolume()
    {
        TaskResources = Strings;
    }

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var logger = new MSBuildSyncLogger(Log);
        var (config, connection, prune, problems) = Map(logger);
        if (problems.Count > 0)
        {
            // Every usage problem at once, before any credential or network call.
            foreach (var problem in problems)
            {
                MSBuildSyncLogger.Report(Log, problem);
            }

            return false;
        }

        WarnIfTheBinaryLogRecordsSecrets();
        try
        {
            var token = _cancellation.Token;
            var (result, pruned) = System.Threading.Tasks.Task.Run(() => RunAsync(config, connection, prune, logger, token), token).GetAwaiter().GetResult();
            logger.Close();
            Publish(result);
            PublishPrune(pruned);
        }
        catch (OperationCanceledException)
        {
            logger.Close();
            MSBuildSyncLogger.Report(Log, DiagnosticCodes.Cancelled.Create() with { Severity = DiagnosticSeverity.Warning });
            return false;
        }
        catch (VolSyncException ex)
        {
            logger.Close();
            foreach (var diagnostic in ex.Diagnostics)
            {
                MSBuildSyncLogger.Report(Log, diagnostic);
            }
        }
        catch (Exception ex)
        {
            logger.Close();
            MSBuildSyncLogger.Report(Log, DiagnosticCodes.UnexpectedError.Create(ex.GetType().Name, ex.Message.TrimEnd('.'), "the build log at -v:diag"));
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>MSBuild records the whole environment in the binlog under this switch; the task cannot prevent it, only say so.</summary>
    private void WarnIfTheBinaryLogRecordsSecrets()
    {
        var environment = GetEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        if (string.IsNullOrEmpty(environment("MSBUILDLOGALLENVIRONMENTVARIABLES")))
        {
            return;
        }

        var secrets = DatabricksAuth.SecretEnvironmentVariablesSet(environment);
        if (secrets.Count > 0)
        {
            MSBuildSyncLogger.Report(Log, DiagnosticCodes.AuthSecretsInBinaryLog.Create(string.Join(", ", secrets)) with { Severity = DiagnosticSeverity.Warning });
        }
    }

    private (SyncConfig Config, ConnectionSettings Connection, PruneOptions? Prune, List<Diagnostic> Problems) Map(MSBuildSyncLogger logger)
    {
        var text = new SettingText(Names);
        var legacy = new SettingText(Names with { RetryBudget = "VolSyncRetryTimeoutSeconds" });
        var retries = new RetryDigest();
        var config = new SyncConfig
        {
            LocalPath = NullIfEmpty(LocalPath) ?? string.Empty,
            VolumePath = NullIfEmpty(VolumePath),
            Catalog = NullIfEmpty(Catalog),
            Schema = NullIfEmpty(Schema),
            Volume = NullIfEmpty(Volume),
            RemotePath = NullIfEmpty(RemotePath),
            Patterns = AllPatterns(Include, IncludePatterns),
            ExcludePatterns = AllPatterns(Exclude, ExcludePatterns),
            DryRun = DryRun,
            Force = Force,
            CreateVolume = CreateVolume,
            Concurrency = text.Concurrency(MaxConcurrentUploads),
            HashLength = text.HashLength(HashLength),
            UseHashCache = UseHashCache,
            MultipartThreshold = text.MultipartThreshold(MultipartThreshold),
            HashCacheDirectory = NullIfEmpty(HashCacheDirectory),
            Naming = text.Naming(Naming),
            Source = new ReleaseSource { Project = NullIfEmpty(ProjectName), Configuration = NullIfEmpty(Configuration) },
        };
        var (prune, pruneProblems) = MapPrune(text, config, KeepReleases, PruneMinAge);
        var connection = new ConnectionSettings
        {
            Auth = new AuthSettings
            {
                Host = NullIfEmpty(Host),
                Profile = NullIfEmpty(Profile),
                GetEnvironmentVariable = GetEnvironmentVariable,
                HomeDirectory = HomeDirectory,
                Logger = logger,
            },
            RetryBudget = string.IsNullOrWhiteSpace(RetryBudget) ? legacy.RetryBudget(RetryTimeoutSeconds, plainSeconds: true) : text.RetryBudget(RetryBudget),
            UserAgentExtra = UserAgent.ForHost("volsync-msbuild", typeof(SyncToDatabricksVolume).Assembly),
            Logger = logger,
            OnRetry = retry =>
            {
                if (retries.Add(retry) is { } line)
                {
                    // The path in it may hold control characters: escaped, so the message stays one line.
                    logger.Write(log => log.LogMessageFromResources(MessageImportance.Normal, "Retrying", DisplayText.Escape(line)));
                }
            },
        };
        var problems = text.Problems.Concat(legacy.Problems).Concat(config.Validate(Names)).Concat(pruneProblems.Where(p => text.Problems.All(t => t.Code != p.Code))).Concat(connection.Validate(Names)).ToList();
        return (config, connection, prune, problems);
    }

    private async Task<(SyncResult Result, PruneResult? Pruned)> RunAsync(SyncConfig config, ConnectionSettings settings, PruneOptions? prune, MSBuildSyncLogger logger, CancellationToken cancellationToken)
    {
        var target = config.Target;
        using var connection = await DatabricksConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
        logger.Write(log => log.LogMessageFromResources(MessageImportance.Normal, "Connecting", Path.GetFullPath(config.LocalPath), target.RemoteRoot, connection.Host, connection.Identity, connection.Source));
        var budget = SettingText.DescribeDuration(settings.RetryBudget ?? SyncDefaults.RetryBudget);
        logger.Write(log =>
        {
            if (config.AutoConcurrency)
            {
                log.LogMessageFromResources(MessageImportance.Low, "SettingsAuto", ConcurrencyLimit.AutoInitial, ConcurrencyLimit.AutoMin, ConcurrencyLimit.AutoMax, config.HashLength, budget);
            }
            else
            {
                log.LogMessageFromResources(MessageImportance.Low, "Settings", config.MaxConcurrentUploads, config.HashLength, budget);
            }
        });

        var volume = await VolumePreflight.EnsureVolumeAsync(connection.Client, target, config.CreateVolume, config.DryRun, Names, cancellationToken).ConfigureAwait(false);
        switch (volume.Outcome)
        {
            case VolumePreflightOutcome.Created:
                logger.Write(log => log.LogMessageFromResources(MessageImportance.High, "VolumeCreated", target.FullName));
                break;
            case VolumePreflightOutcome.WouldBeCreated:
                logger.Write(log => log.LogMessageFromResources(MessageImportance.High, "VolumeWouldBeCreated", target.FullName));
                break;
        }

        using var reporter = new MSBuildProgressReporter(logger, ProgressInterval);
        var engine = new VolumeSync(connection.Client, logger);
        var result = await engine.SyncAsync(config, reporter, cancellationToken).ConfigureAwait(false);
        return (result, await PruneAfterSyncAsync(engine, config, prune, result, logger, cancellationToken).ConfigureAwait(false));
    }

    private void Publish(SyncResult result)
    {
        UploadedCount = result.SuccessCount;
        SkippedCount = result.SkipCount;
        FailedCount = result.FailureCount;
        WouldUploadCount = result.WouldUploadCount;
        BytesUploaded = result.TotalBytesUploaded;
        ReleaseId = result.ReleaseId ?? string.Empty;
        ManifestPath = result.ManifestPath ?? string.Empty;
        UploadedFiles = result.Files
            .Where(f => f.Outcome == FileOutcome.Uploaded)
            .Select(f =>
            {
                var item = new TaskItem(f.LocalPath);
                item.SetMetadata("RemotePath", f.RemotePath);
                item.SetMetadata("Sha256", f.Sha256);
                item.SetMetadata("Size", f.Size.ToString(CultureInfo.InvariantCulture));
                item.SetMetadata("RelativePath", f.RelativePath);
                return (ITaskItem)item;
            })
            .ToArray();

        foreach (var failed in result.Files.Where(f => f.Outcome == FileOutcome.Failed))
        {
            // The engine's own code (e.g. VOLSYNC1002 for a 403) is the one users look up; the file is the event's file.
            var diagnostic = failed.Diagnostic!;
            var text = Log.FormatResourceString("FileFailed", failed.RelativePath, failed.RemotePath.Length == 0 ? result.RemoteRoot : failed.RemotePath, diagnostic.Message);
            MSBuildSyncLogger.Report(Log, diagnostic with { Message = text });
        }

        SyncSummaryMessage.Log(Log, ProjectName, result);
    }

    private static string[] AllPatterns(ITaskItem[] items, string? joined)
    {
        var fromItems = items.Select(i => i.GetMetadata("Pattern") is { Length: > 0 } pattern ? pattern : i.ItemSpec);
        var fromString = (joined ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return fromItems.Concat(fromString).ToArray();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
