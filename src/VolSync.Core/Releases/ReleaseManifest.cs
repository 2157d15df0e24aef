using System.Reflection;
using VolSync.Diagnostics;
using VolSync.Naming;
using VolSync.Remote.Databricks;

namespace VolSync.Releases;

/// <summary>
/// What a remote root held after one successful sync (SPEC §8): every file's relative path, where it is stored,
/// its SHA-256 and size. Written to <c>.volsync/releases/&lt;id&gt;.json</c> and then <c>.volsync/latest.json</c>.
/// <para>
/// On a Databricks cluster the volume is a local file system under <c>/Volumes/...</c>, so a job needs no API call:
/// <c>ReleaseManifest.Load("/Volumes/main/default/apps/myapp").Resolve("MyApp.dll")</c> is the path to open.
/// Through the API, <c>ReleaseStore</c> reads it.
/// </para>
/// </summary>
public sealed class ReleaseManifest
{
    /// <summary>The value of the <c>format</c> key.</summary>
    public const string FormatName = "volsync-manifest";

    /// <summary>The format version this VolSync writes and reads.</summary>
    public const int CurrentVersion = 1;

    internal ReleaseManifest(ManifestHeader header, IReadOnlyList<ReleaseFile> files, string? remoteRoot)
    {
        Header = header;
        Files = files;
        RemoteRoot = remoteRoot;
    }

    /// <summary>The release id, e.g. <c>20250102T030405678Z-1a2b3c4d</c>; ids sort by creation time.</summary>
    public string Id => Header.Id;

    /// <summary>When the release was recorded (UTC, millisecond precision).</summary>
    public DateTimeOffset Created => Header.Created;

    /// <summary>The writer, e.g. <c>volsync/0.1.0</c>.</summary>
    public string Tool => Header.Tool;

    public NamingMode Naming => Header.Naming;

    /// <summary>Hex digits of the SHA-256 in hashed names (SPEC §1).</summary>
    public int HashLength => Header.HashLength;

    /// <summary>What the release was built from, when known.</summary>
    public ReleaseSource? Source => Header.Source;

    /// <summary>Every file, in ordinal order of <see cref="ReleaseFile.Path"/>.</summary>
    public IReadOnlyList<ReleaseFile> Files { get; }

    /// <summary>
    /// The remote root the manifest belongs to: the remote path (<c>/Volumes/c/s/v/sub</c>) when read through the API
    /// or from the FUSE mount, the local folder when loaded from a copy on disk; null when parsed from bytes alone.
    /// </summary>
    public string? RemoteRoot { get; }

    internal ManifestHeader Header { get; }

    /// <summary>Bytes of all files.</summary>
    public long TotalSize => Files.Sum(f => f.Size);

    /// <summary>The file with the relative path <paramref name="path"/> (<c>/</c> or <c>\</c> separators; a leading <c>./</c> or <c>/</c> is ignored), or null.</summary>
    public ReleaseFile? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Files are sorted by path and each is there once: a binary search, and no index beside them.
        var query = NormalizeQuery(path);
        int low = 0, high = Files.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(Files[middle].Path, query);
            if (order == 0)
            {
                return Files[middle];
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    /// <summary>
    /// Where the file with the relative path <paramref name="path"/> is stored: <see cref="RemoteRoot"/> joined with its
    /// <see cref="ReleaseFile.RemotePath"/> (just the latter when the root is unknown). Throws VOLSYNC2406 for a path
    /// that is not part of the release.
    /// </summary>
    public string Resolve(string path) =>
        TryResolve(path, out var resolved) ? resolved : throw DiagnosticCodes.ReleasePathUnknown.ToException(path, Id);

    public bool TryResolve(string path, out string resolved)
    {
        var file = Find(path);
        if (file is null)
        {
            resolved = string.Empty;
            return false;
        }

        resolved = RemoteRoot is null ? file.RemotePath : RemoteRoot.TrimEnd('/', '\\') + "/" + file.RemotePath;
        return true;
    }

    /// <summary>
    /// A new release of <paramref name="files"/>: sorted by path, its id made from <paramref name="created"/> (default
    /// now) and the SHA-256 of the serialized files array.
    /// </summary>
    public static ReleaseManifest Create(NamingMode naming, int hashLength, IEnumerable<ReleaseFile> files, ReleaseSource? source = null, DateTimeOffset? created = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sorted = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var when = TruncateToMilliseconds((created ?? DateTimeOffset.UtcNow).ToUniversalTime());
        var id = ReleaseId.FromDigest(when, ManifestJson.MeasureFiles(sorted, check: null).Digest);
        var manifest = new ReleaseManifest(new ManifestHeader(id, when, ToolName, naming, hashLength, source is { IsEmpty: false } ? source : null), sorted, remoteRoot: null);
        ManifestJson.Validate(manifest, ManifestJson.NewReleaseLocation);
        return manifest;
    }

    /// <summary>Parses and validates a manifest (SPEC §8); unknown keys are ignored. Throws VOLSYNC1200/1201/1202.</summary>
    /// <param name="utf8Json">The manifest's bytes.</param>
    /// <param name="location">Where it came from, for messages.</param>
    /// <param name="remoteRoot">The remote root it belongs to, for <see cref="Resolve"/>.</param>
    public static ReleaseManifest Parse(ReadOnlySpan<byte> utf8Json, string? location = null, string? remoteRoot = null) =>
        ManifestJson.Read(utf8Json, location ?? "(manifest)", remoteRoot);

    /// <summary>
    /// Reads a manifest from the file system, with no API call: on a cluster, the volume's FUSE path. <paramref name="path"/>
    /// is a remote root (<c>/Volumes/main/default/apps/myapp</c>: its <c>.volsync/latest.json</c>, or
    /// <c>.volsync/releases/&lt;releaseId&gt;.json</c> when <paramref name="releaseId"/> is given) or a manifest file.
    /// </summary>
    public static ReleaseManifest Load(string path, string? releaseId = null)
    {
        var (file, root) = LocateOnDisk(path, releaseId);
        return Parse(ReadOnDisk(file), file, root);
    }

    /// <inheritdoc cref="Load"/>
    public static async Task<ReleaseManifest> LoadAsync(string path, string? releaseId = null, CancellationToken cancellationToken = default)
    {
        var (file, root) = LocateOnDisk(path, releaseId);
        FileStream stream;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(file, ex);
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await ManifestJson.ReadAsync(stream, file, root, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw Unreadable(file, ex);
            }
        }
    }

    /// <summary>The manifest's bytes: UTF-8 JSON, keys in a fixed order, files sorted by path; the same release always gives the same bytes.</summary>
    public byte[] ToUtf8Bytes() => ToDocument().ToArray();

    /// <summary>The manifest as a document to stream out.</summary>
    internal ManifestDocument ToDocument() => ManifestDocument.Of(Header, () => Files);

    /// <summary>True when both describe the same files stored the same way (SPEC §8: path, remote path, hash, size, naming).</summary>
    public bool HasSameFilesAs(ReleaseManifest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Naming == other.Naming && Files.Count == other.Files.Count && Files.SequenceEqual(other.Files);
    }

    internal ReleaseManifest WithRemoteRoot(string remoteRoot) => new(Header, Files, remoteRoot);

    internal static string ToolName { get; } = "volsync/" + UserAgent.ToSemver(typeof(ReleaseManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    private static string NormalizeQuery(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized.TrimStart('/');
    }

    internal static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static (string File, string? Root) LocateOnDisk(string path, string? releaseId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (releaseId is not null && !ReleaseId.IsValid(releaseId))
        {
            throw DiagnosticCodes.ReleaseIdInvalid.ToException(releaseId);
        }

        var trimmed = Path.TrimEndingDirectorySeparator(path);
        if (Directory.Exists(trimmed))
        {
            var volsync = Path.Combine(trimmed, ReleaseLayout.DirectoryName);
            var file = releaseId is null
                ? Path.Combine(volsync, ReleaseLayout.LatestFileName)
                : Path.Combine(volsync, ReleaseLayout.ReleasesDirectoryName, releaseId + ".json");
            if (!File.Exists(file))
            {
                throw releaseId is null ? DiagnosticCodes.NoReleases.ToException(trimmed) : DiagnosticCodes.ReleaseNotFound.ToException(releaseId, trimmed);
            }

            return (file, Path.GetFullPath(trimmed));
        }

        if (!File.Exists(trimmed))
        {
            throw Unreadable(trimmed, new FileNotFoundException("No such file or folder."));
        }

        return (trimmed, RootOfManifestFile(trimmed));
    }

    /// <summary><c>root/.volsync/latest.json</c> and <c>root/.volsync/releases/x.json</c> belong to <c>root</c>; a copy elsewhere to no root.</summary>
    private static string? RootOfManifestFile(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is null)
        {
            return null;
        }

        if (string.Equals(Path.GetFileName(folder), ReleaseLayout.ReleasesDirectoryName, StringComparison.Ordinal))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder is not null && string.Equals(Path.GetFileName(folder), ReleaseLayout.DirectoryName, StringComparison.Ordinal)
            ? Path.GetDirectoryName(folder)
            : null;
    }

    private static byte[] ReadOnDisk(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(file, ex);
        }
    }

    private static VolSyncException Unreadable(string file, Exception ex) => DiagnosticCodes.ManifestUnreadable.ToException(ex, file, ex.Message);
}
