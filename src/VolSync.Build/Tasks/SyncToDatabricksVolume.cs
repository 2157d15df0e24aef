using System.Globalization;
using System.Reflection;
using System.Resources;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using VolSync.Auth;
using VolSync.Build.Logging;
using VolSync.Diagnostics;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Build;

/// <summary>
/// Syncs a folder (by default the publish output) into a Databricks Unity Catalog volume, uploading only what
/// changed. A thin adapter: it maps parameters to <see cref="SyncConfig"/> and <see cref="AuthSettings"/>, lets
/// VolSync.Core do the work, and renders the outcome as MSBuild diagnostics. There is deliberately no token
/// parameter: task inputs are recorded in binary logs, so credentials come only from the environment or a profile.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "MSBuild never disposes tasks; the source is left undisposed on purpose (see _cancellation).")]
public sealed class SyncToDatabricksVolume : Microsoft.Build.Utilities.Task, ICancelableTask
{
    internal static readonly ResourceManager Strings = new("VolSync.Build.Resources.Strings", typeof(SyncToDatabricksVolume).Assembly);

    // Never disposed: Cancel() may race with the end of Execute(), and an undisposed source holds no resources
    // unless a timer or a registration is attached, which this one never has.
    private readonly CancellationTokenSource _cancellation = new();

    public SyncToDatabricksVolume()
    {
        TaskResources = Strings;
    }

    /// <summary>The folder to sync (<c>VolSyncSourceDir</c>, by default <c>$(PublishDir)</c>).</summary>
    [Required]
    public string SourceDirectory { get; set; } = string.Empty;

    public string? Catalog { get; set; }

    public string? Schema { get; set; }

    public string? Volume { get; set; }

    /// <summary>The whole volume path, <c>/Volumes/catalog/schema/volume[/sub]</c>.</summary>
    public string? VolumePath { get; set; }

    /// <summary>A sub-path under the volume, e.g. <c>releases/1.2.0</c>.</summary>
    public string? RemotePath { get; set; }

    /// <summary>Include globs (SPEC §2); none means every file. The glob is the item's <c>Pattern</c> metadata when set, else its identity.</summary>
    public ITaskItem[] Include { get; set; } = [];

    /// <summary>Exclude globs; an exclude always wins.</summary>
    public ITaskItem[] Exclude { get; set; } = [];

    /// <summary>
    /// Include globs as one <c>;</c>-separated string (<c>VolSyncIncludePatterns</c>). A property is never
    /// wildcard-expanded by MSBuild, unlike an item's Include, so <c>*.dll</c> arrives as written.
    /// </summary>
    public string? IncludePatterns { get; set; }

    /// <summary>Exclude globs as one <c>;</c>-separated string (<c>VolSyncExcludePatterns</c>).</summary>
    public string? ExcludePatterns { get; set; }

    public bool DryRun { get; set; }

    public bool Force { get; set; }

    /// <summary>
    /// Requests in flight (<c>VolSyncMaxConcurrentUploads</c>): a number 1–64, a hard cap (default 5), or <c>auto</c>
    /// to find the workspace's limit (starts at 5, between 1 and 32). A string so that <c>auto</c> can be written.
    /// </summary>
    public string MaxConcurrentUploads { get; set; } = "5";

    /// <summary>Workspace URL; empty means unified auth finds it (DATABRICKS_HOST, the profile).</summary>
    public string? Host { get; set; }

    /// <summary>A <c>~/.databrickscfg</c> profile.</summary>
    public string? Profile { get; set; }

    /// <summary>Create the volume (managed) when it does not exist.</summary>
    public bool CreateVolume { get; set; }

    public int HashLength { get; set; } = 16;

    /// <summary>
    /// Seconds the sync keeps retrying (429, 503, connection failures) before it fails: a request gives up after
    /// retrying this long, and so does every request once the workspace has answered nothing useful for this long.
    /// 0 keeps the client's default (5 minutes).
    /// </summary>
    public int RetryTimeoutSeconds { get; set; }

    /// <summary>Where hashes are cached across builds (the targets use the intermediate output folder); empty means the engine's default.</summary>
    public string? HashCacheDirectory { get; set; }

    /// <summary>Files uploaded by this run: ItemSpec is the local path; metadata RemotePath, Sha256, Size.</summary>
    [Output]
    public ITaskItem[] UploadedFiles { get; private set; } = [];

    [Output]
    public int UploadedCount { get; private set; }

    [Output]
    public int SkippedCount { get; private set; }

    [Output]
    public int FailedCount { get; private set; }

    /// <summary>In a dry run: files that would be uploaded.</summary>
    [Output]
    public int WouldUploadCount { get; private set; }

    [Output]
    public long BytesUploaded { get; private set; }

    /// <summary>Tests supply their own environment; null means the process environment.</summary>
    internal Func<string, string?>? GetEnvironmentVariable { get; set; }

    /// <summary>Tests supply their own home folder (for <c>~/.databrickscfg</c>); null means the user's.</summary>
    internal string? HomeDirectory { get; set; }

    /// <summary>How often long syncs print a progress line.</summary>
    internal TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        if (!ValidateInputs())
        {
            return false;
        }

        WarnIfTheBinaryLogRecordsSecrets();
        var logger = new MSBuildSyncLogger(Log, importantAs: MessageImportance.Normal);
        var target = VolumePath ?? $"{Catalog}.{Schema}.{Volume}";
        try
        {
            var token = _cancellation.Token;
            var result = System.Threading.Tasks.Task.Run(() => RunAsync(logger, token), token).GetAwaiter().GetResult();
            Publish(result);
        }
        catch (OperationCanceledException)
        {
            logger.Close();
            Log.LogWarningWithCodeFromResources("SyncCanceled", target);
            return false;
        }
        catch (VolSyncException ex)
        {
            logger.Close();
            Log.LogError(subcategory: null, errorCode: ex.Code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: ex.MessageWithoutCode);
        }
        catch (Exception ex)
        {
            logger.Close();
            Log.LogErrorWithCodeFromResources("UnexpectedFailure", ex.GetType().Name, ex.Message);
        }
        finally
        {
            logger.Close();
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
            var warning = DiagnosticCodes.AuthSecretsInBinaryLog;
            Log.LogWarning(subcategory: null, warningCode: warning.Code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: warning.Format(string.Join(", ", secrets)));
        }
    }

    private bool ValidateInputs()
    {
        var ok = true;
        if (string.IsNullOrWhiteSpace(SourceDirectory))
        {
            Log.LogErrorWithCodeFromResources("SourceDirectoryNotSpecified");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(VolumePath)
            && (string.IsNullOrWhiteSpace(Catalog) || string.IsNullOrWhiteSpace(Schema) || string.IsNullOrWhiteSpace(Volume)))
        {
            Log.LogErrorWithCodeFromResources("VolumeNotSpecified");
            ok = false;
        }

        if (!ConcurrencyLimit.TryParse(MaxConcurrentUploads, out var concurrency) || !concurrency.IsValid)
        {
            Log.LogErrorWithCodeFromResources("MaxConcurrentUploadsInvalid", MaxConcurrentUploads);
            ok = false;
        }

        if (HashLength is < 8 or > 64)
        {
            Log.LogErrorWithCodeFromResources("HashLengthInvalid", HashLength);
            ok = false;
        }

        if (RetryTimeoutSeconds < 0)
        {
            Log.LogErrorWithCodeFromResources("RetryTimeoutInvalid", RetryTimeoutSeconds);
            ok = false;
        }

        ok &= ValidatePatterns("include", AllPatterns(Include, IncludePatterns));
        ok &= ValidatePatterns("exclude", AllPatterns(Exclude, ExcludePatterns));

        if (ok && !Directory.Exists(SourceDirectory))
        {
            Log.LogErrorWithCodeFromResources("SourceDirectoryMissing", SourceDirectory);
            ok = false;
        }

        return ok;
    }

    private bool ValidatePatterns(string kind, IReadOnlyList<string> patterns)
    {
        var ok = true;
        foreach (var text in patterns)
        {
            if (string.IsNullOrWhiteSpace(text) || text.StartsWith('/') || Path.IsPathRooted(text))
            {
                Log.LogErrorWithCodeFromResources("PatternInvalid", kind, text);
                ok = false;
            }
        }

        return ok;
    }

    private async Task<SyncResult> RunAsync(MSBuildSyncLogger logger, CancellationToken cancellationToken)
    {
        var config = new SyncConfig
        {
            LocalPath = Path.GetFullPath(SourceDirectory),
            VolumePath = NullIfEmpty(VolumePath),
            Catalog = NullIfEmpty(Catalog),
            Schema = NullIfEmpty(Schema),
            Volume = NullIfEmpty(Volume),
            RemotePath = NullIfEmpty(RemotePath),
            Patterns = AllPatterns(Include, IncludePatterns),
            ExcludePatterns = AllPatterns(Exclude, ExcludePatterns),
            DryRun = DryRun,
            ForceUpload = Force,
            MaxConcurrentUploads = Concurrency.IsAuto ? ConcurrencyLimit.Default : Concurrency.Max,
            AutoConcurrency = Concurrency.IsAuto,
            HashLength = HashLength,
            HashCacheDirectory = NullIfEmpty(HashCacheDirectory),
        };

        // Validates the target before any network traffic; throws a coded VOLSYNC2xxx.
        var location = VolumeLocation.From(config);

        // One transport for the build: token requests and API calls share the host's limiter, retries and budget.
        var retries = new RetryDigest();
        var defaults = new DatabricksClientOptions();
        using var transport = new DatabricksTransport(new DatabricksClientOptions
        {
            Logger = logger,
            UserAgentExtra = "volsync-msbuild/" + InformationalVersion,
            RetryBudget = RetryTimeoutSeconds > 0 ? TimeSpan.FromSeconds(RetryTimeoutSeconds) : defaults.RetryBudget,
            Concurrency = config.Concurrency,
            OnRetry = retry =>
            {
                if (retries.Add(retry) is { } line)
                {
                    logger.Write(log => log.LogMessageFromResources(MessageImportance.Normal, "Retrying", line));
                }
            },
        });

        var auth = await DatabricksAuth.ResolveAsync(
            new AuthSettings
            {
                Host = NullIfEmpty(Host),
                Profile = NullIfEmpty(Profile),
                GetEnvironmentVariable = GetEnvironmentVariable,
                HomeDirectory = HomeDirectory,
                Logger = logger,
                HttpHandler = transport.AuthHandler,
            },
            cancellationToken).ConfigureAwait(false);

        logger.Write(log => log.LogMessageFromResources(MessageImportance.Normal, "Connecting", config.LocalPath, location.RemoteRoot, auth.Host, auth.Credentials.Identity, auth.Source));

        using var client = new DatabricksClient(auth.Host, auth.Credentials, transport);

        await EnsureVolumeAsync(client, location, auth.Host, logger, cancellationToken).ConfigureAwait(false);

        var reporter = new MSBuildProgressReporter(logger, ProgressInterval);
        return await new VolumeSync(client, logger).SyncAsync(config, reporter, cancellationToken).ConfigureAwait(false);
    }

    private async System.Threading.Tasks.Task EnsureVolumeAsync(DatabricksClient catalog, VolumeLocation location, Uri host, MSBuildSyncLogger logger, CancellationToken cancellationToken)
    {
        switch (await catalog.GetVolumeStatusAsync(location, cancellationToken).ConfigureAwait(false))
        {
            case VolumeStatus.Exists:
                return;
            case VolumeStatus.CatalogMissing:
                throw CodedException("CatalogNotFound", location.Catalog, host, location.Schema, location.Volume);
            case VolumeStatus.SchemaMissing:
                throw CodedException("SchemaNotFound", location.Catalog, location.Schema, host, location.Volume);
        }

        if (!CreateVolume)
        {
            throw CodedException("VolumeNotFound", location.Catalog, location.Schema, location.Volume, host);
        }

        if (DryRun)
        {
            logger.Write(log => log.LogMessageFromResources(MessageImportance.High, "VolumeWouldBeCreated", location.FullName));
            return;
        }

        await catalog.CreateVolumeAsync(new CreateVolumeRequest(location.Catalog, location.Schema, location.Volume), cancellationToken).ConfigureAwait(false);
        logger.Write(log => log.LogMessageFromResources(MessageImportance.High, "VolumeCreated", location.FullName));
    }

    private void Publish(SyncResult result)
    {
        UploadedCount = result.SuccessCount;
        SkippedCount = result.SkipCount;
        FailedCount = result.FailureCount;
        WouldUploadCount = result.WouldUploadCount;
        BytesUploaded = result.TotalBytesUploaded;
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
            // The engine's own code (e.g. VOLSYNC1003 for a 403) is the one users look up; VOLSYNC3102 only when it gave none.
            var reason = failed.Error is null ? string.Empty : MSBuildSyncLogger.StripCode(failed.Error, failed.ErrorCode);
            var text = Log.FormatResourceString("FileFailed", failed.RelativePath, failed.RemotePath.Length == 0 ? result.RemoteRoot : failed.RemotePath, reason);
            var code = failed.ErrorCode ?? "VOLSYNC3102";
            Log.LogError(subcategory: null, errorCode: code, helpKeyword: null, file: failed.LocalPath, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: MSBuildSyncLogger.StripCode(text, "VOLSYNC3102"));
        }

        if (result.DryRun)
        {
            Log.LogMessageFromResources(MessageImportance.High, "SummaryDryRun", result.WouldUploadCount, result.SkipCount, result.FailureCount, result.RemoteRoot);
        }
        else
        {
            Log.LogMessageFromResources(MessageImportance.High, "Summary", result.SuccessCount, result.SkipCount, result.FailureCount, ByteSize.Format(result.TotalBytesUploaded), ByteSize.FormatDuration(result.Duration), result.RemoteRoot);
        }
    }

    private VolSyncException CodedException(string resource, params object[] args)
    {
        var text = Log.FormatResourceString(resource, args);
        var code = text[..text.IndexOf(':', StringComparison.Ordinal)];
        return new VolSyncException(code, text);
    }

    private static string[] AllPatterns(ITaskItem[] items, string? joined)
    {
        var fromItems = items.Select(i => i.GetMetadata("Pattern") is { Length: > 0 } pattern ? pattern : i.ItemSpec);
        var fromString = (joined ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return fromItems.Concat(fromString).ToArray();
    }

    /// <summary>The parsed <see cref="MaxConcurrentUploads"/> (checked by ValidateInputs first).</summary>
    private ConcurrencyLimit Concurrency =>
        ConcurrencyLimit.TryParse(MaxConcurrentUploads, out var limit) ? limit : ConcurrencyLimit.Fixed(ConcurrencyLimit.Default);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string InformationalVersion =>
        typeof(SyncToDatabricksVolume).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
