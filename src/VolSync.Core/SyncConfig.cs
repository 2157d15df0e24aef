using System.ComponentModel;
using VolSync.Diagnostics;
using VolSync.Discovery;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync;

/// <summary>
/// What to sync and how. The remote root is the volume (<see cref="VolumePath"/>, or
/// <see cref="Catalog"/>/<see cref="Schema"/>/<see cref="Volume"/>) plus the optional <see cref="RemotePath"/>.
/// <see cref="Validate"/> reports every problem at once, each under its own code, without touching the network;
/// hosts call it first, and <see cref="VolumeSync.SyncAsync"/> refuses a configuration it rejects.
/// </summary>
public sealed class SyncConfig
{
    private VolumeLocation? _target;

    /// <summary>The local folder to sync. Must exist.</summary>
    public string LocalPath { get; init; } = string.Empty;

    /// <summary>The whole volume path, <c>/Volumes/catalog/schema/volume[/sub]</c>. Optional when Catalog, Schema and Volume are given.</summary>
    public string? VolumePath { get; init; }

    public string? Catalog { get; init; }

    public string? Schema { get; init; }

    public string? Volume { get; init; }

    /// <summary>A sub-path under the volume, e.g. <c>releases/1.2.0</c>.</summary>
    public string? RemotePath { get; init; }

    /// <summary>Include globs (SPEC §2). Empty means every file.</summary>
    public IReadOnlyList<string> Patterns { get; init; } = [];

    /// <summary>Exclude globs (SPEC §2). An exclude always wins over an include.</summary>
    public IReadOnlyList<string> ExcludePatterns { get; init; } = [];

    /// <summary>Discover, hash, list and plan, but write nothing remote or local.</summary>
    public bool DryRun { get; init; }

    /// <summary>Hash every selected file again (the hash cache is not consulted) and upload it regardless of what the remote holds (CLI <c>--force</c>, MSBuild <c>VolSyncForce</c>).</summary>
    public bool Force { get; init; }

    /// <summary>The former name of <see cref="Force"/>, kept so existing code compiles.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool ForceUpload
    {
        get => Force;
        init => Force = value;
    }

    /// <summary>Create the volume (managed) when it does not exist; see <see cref="Remote.VolumePreflight"/>.</summary>
    public bool CreateVolume { get; init; }

    /// <summary>At most this many uploads in flight (1–64). The Databricks Files API allows about 10 concurrent requests.</summary>
    public int MaxConcurrentUploads { get; init; } = SyncDefaults.MaxConcurrentUploads;

    /// <summary>
    /// Files of at least this many bytes go in parts (multipart through presigned cloud-storage URLs, falling back
    /// to one PUT where the workspace does not allow them): 5 MiB to 5000 MiB, default 50 MiB. Null turns multipart
    /// off; files over 5000 MiB then fail with VOLSYNC2050 before they are read.
    /// </summary>
    public long? MultipartThreshold { get; init; } = Remote.UploadOptions.DefaultMultipartThreshold;

    /// <summary>
    /// Find the workspace's limit instead of a fixed cap: start at 5 and adapt between 1 and 32 (SPEC §10);
    /// <see cref="MaxConcurrentUploads"/> is then not used. <c>--max-concurrent auto</c>, <c>VolSyncMaxConcurrentUploads=auto</c>.
    /// </summary>
    public bool AutoConcurrency { get; init; }

    /// <summary>
    /// <see cref="MaxConcurrentUploads"/> and <see cref="AutoConcurrency"/> as one value (what the client's host limiter
    /// takes); setting it sets both.
    /// </summary>
    public ConcurrencyLimit Concurrency
    {
        get => AutoConcurrency ? ConcurrencyLimit.Auto : ConcurrencyLimit.Fixed(MaxConcurrentUploads);
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            AutoConcurrency = value.IsAuto;
            MaxConcurrentUploads = value.IsAuto ? SyncDefaults.MaxConcurrentUploads : value.Max;
        }
    }

    /// <summary>Hex digits of the SHA-256 in remote names (8–64).</summary>
    public int HashLength { get; init; } = SyncDefaults.HashLength;

    /// <summary>Keep file hashes across runs (used while a file keeps its size, modification time, inode and status-change time).</summary>
    public bool UseHashCache { get; init; } = true;

    /// <summary>Where the hash cache lives; null means the user's local application data folder. Never inside <see cref="LocalPath"/>.</summary>
    public string? HashCacheDirectory { get; init; }

    /// <summary>
    /// How files are named on the volume (SPEC §9): <see cref="NamingMode.Hashed"/> (the default) keeps versions side
    /// by side; <see cref="NamingMode.Original"/> keeps each file's own name, overwritten in place. A root holds one
    /// mode: syncing the other into it is refused (VOLSYNC1205) unless <see cref="Force"/>.
    /// </summary>
    public NamingMode Naming { get; init; } = NamingMode.Hashed;

    /// <summary>
    /// What the release manifest records as its source (SPEC §8). Fields left null are filled in where possible: the
    /// commit from <c>GITHUB_SHA</c>, <c>BUILD_SOURCEVERSION</c>, <c>CI_COMMIT_SHA</c> or <c>git rev-parse HEAD</c>,
    /// and the CI system.
    /// </summary>
    public ReleaseSource? Source { get; init; }

    /// <summary>
    /// The remote root, resolved once (the configuration is immutable). Throws a <see cref="VolSyncException"/>
    /// with every target problem when the target is invalid; <see cref="Validate"/> reports them without throwing.
    /// </summary>
    public VolumeLocation Target => _target ??= VolumeLocation.Resolve(VolumePath, Catalog, Schema, Volume, RemotePath);

    /// <summary>
    /// Every problem of this configuration, in the order of the settings, one code per condition; empty when it is
    /// valid. Reads only the local file system (the folder must exist): no credential, no network.
    /// </summary>
    /// <param name="names">How the host spells the settings in messages; the library's property names by default.</param>
    public IReadOnlyList<Diagnostic> Validate(SettingNames? names = null)
    {
        names ??= SettingNames.Library;
        var problems = new List<Diagnostic>();
        var root = ValidateLocalPath(names, problems);

        if (VolumeLocation.TryResolve(VolumePath, Catalog, Schema, Volume, RemotePath, names, problems) is { } target)
        {
            _target ??= target;
        }

        if (CheckHashLength(HashLength, names) is { } hashLengthProblem)
        {
            problems.Add(hashLengthProblem);
        }

        if (!AutoConcurrency && CheckMaxConcurrent(MaxConcurrentUploads, names) is { } concurrencyProblem)
        {
            problems.Add(concurrencyProblem);
        }

        if (Remote.MultipartThreshold.Check(MultipartThreshold, names) is { } thresholdProblem)
        {
            problems.Add(thresholdProblem);
        }

        foreach (var (patterns, setting) in new[] { (Patterns, names.Patterns), (ExcludePatterns, names.ExcludePatterns) })
        {
            foreach (var pattern in patterns ?? [])
            {
                if (GlobPattern.Problem(pattern) is { } reason)
                {
                    problems.Add(DiagnosticCodes.PatternInvalid.Create(setting, pattern ?? string.Empty, reason));
                }
            }
        }

        if (root is not null && UseHashCache && !string.IsNullOrWhiteSpace(HashCacheDirectory))
        {
            var cacheDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(HashCacheDirectory));
            var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            if (string.Equals(cacheDir, root, comparison) || cacheDir.StartsWith(root + Path.DirectorySeparatorChar, comparison))
            {
                problems.Add(DiagnosticCodes.HashCacheInsideLocalPath.Create(names.HashCacheDirectory, cacheDir, root));
            }
        }

        return problems;
    }

    /// <summary>The one range rule of a hash length (also for listings, which have no configuration): null when valid.</summary>
    public static Diagnostic? CheckHashLength(int hashLength, SettingNames? names = null) =>
        hashLength is < SyncDefaults.MinHashLength or > SyncDefaults.MaxHashLength
            ? DiagnosticCodes.HashLengthOutOfRange.Create((names ?? SettingNames.Library).HashLength, hashLength, SyncDefaults.MinHashLength, SyncDefaults.MaxHashLength, SyncDefaults.HashLength)
            : null;

    /// <summary>The one range rule of requests in flight (uploads, and the downloads and deletes of releases): null when valid.</summary>
    public static Diagnostic? CheckMaxConcurrent(int value, SettingNames? names = null) =>
        value is < SyncDefaults.MinConcurrentUploads or > SyncDefaults.MaxConcurrentUploadsLimit
            ? DiagnosticCodes.MaxConcurrentUploadsOutOfRange.Create((names ?? SettingNames.Library).MaxConcurrentUploads, value, SyncDefaults.MinConcurrentUploads, SyncDefaults.MaxConcurrentUploadsLimit, SyncDefaults.MaxConcurrentUploads)
            : null;

    /// <summary>The full path of the local folder, or null with the reason added.</summary>
    private string? ValidateLocalPath(SettingNames names, List<Diagnostic> problems)
    {
        if (string.IsNullOrWhiteSpace(LocalPath))
        {
            problems.Add(DiagnosticCodes.LocalPathMissing.Create(names.LocalPath));
            return null;
        }

        string root;
        try
        {
            root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(LocalPath));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problems.Add(DiagnosticCodes.LocalPathNotFound.Create(names.LocalPath, LocalPath));
            return null;
        }

        if (File.Exists(root))
        {
            problems.Add(DiagnosticCodes.LocalPathNotDirectory.Create(names.LocalPath, root));
            return null;
        }

        if (!Directory.Exists(root))
        {
            problems.Add(DiagnosticCodes.LocalPathNotFound.Create(names.LocalPath, root));
            return null;
        }

        return root;
    }
}
