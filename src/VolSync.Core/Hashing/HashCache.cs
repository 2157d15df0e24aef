using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VolSync.Diagnostics;

namespace VolSync.Hashing;

/// <summary>
/// File hashes kept across runs, keyed by full path, size and last write time, so re-syncing an unchanged tree
/// does not read it again. One JSON file per synced root, outside that root. A cache that cannot be read or is not
/// ours is ignored (the files are simply hashed again); it is never fatal.
/// </summary>
internal sealed class HashCache
{
    internal const string FormatMarker = "volsync-hash-cache";
    internal const int FormatVersion = 1;

    /// <summary>
    /// A file written this recently may change again within the file system's time resolution without its time
    /// moving, so its hash is used for this run but not remembered.
    /// </summary>
    internal static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, HashCacheEntry> _entries;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly string _root;
    private bool _dirty;

    private HashCache(string root, string filePath, Dictionary<string, HashCacheEntry> entries)
    {
        _root = root;
        FilePath = filePath;
        _entries = new ConcurrentDictionary<string, HashCacheEntry>(entries, StringComparer.Ordinal);
    }

    /// <summary>Where this cache is stored.</summary>
    public string FilePath { get; }

    public int Count => _entries.Count;

    /// <summary>The user's cache folder: LocalApplicationData/volsync/hash-cache.</summary>
    public static string DefaultDirectory
    {
        get
        {
            var baseDir = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(baseDir))
            {
                baseDir = Path.Combine(Path.GetTempPath(), "volsync-" + Environment.UserName);
            }

            return Path.Combine(baseDir, "volsync", "hash-cache");
        }
    }

    /// <summary>The cache file of <paramref name="root"/>: named after the SHA-256 of the normalised full root path.</summary>
    public static string PathFor(string root, string? directory)
    {
        var normalized = NormalizeRoot(root);
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized))).ToLowerInvariant();
        return Path.Combine(directory ?? DefaultDirectory, id + ".json");
    }

    /// <summary>Loads the cache of <paramref name="root"/>; an absent, unreadable or foreign file gives an empty cache.</summary>
    public static HashCache Load(string root, string? directory, ISyncLogger logger)
    {
        var normalized = NormalizeRoot(root);
        var filePath = PathFor(root, directory);
        var entries = new Dictionary<string, HashCacheEntry>(StringComparer.Ordinal);
        if (!File.Exists(filePath))
        {
            return new HashCache(normalized, filePath, entries);
        }

        try
        {
            var json = File.ReadAllBytes(filePath);
            var document = JsonSerializer.Deserialize(json, HashCacheJsonContext.Default.HashCacheDocument);
            var problem = document is null ? "it is empty"
                : document.Format != FormatMarker ? "it is not a VolSync hash cache"
                : document.Version != FormatVersion ? $"it has format version {document.Version}, expected {FormatVersion}"
                : !string.Equals(document.Root, normalized, StringComparison.Ordinal) ? "it belongs to another folder"
                : null;
            if (problem is not null)
            {
                LogIgnored(logger, filePath, problem);
                return new HashCache(normalized, filePath, entries);
            }

            foreach (var (path, entry) in document!.Entries ?? new Dictionary<string, HashCacheEntry>())
            {
                if (entry is not null && IsSha256Hex(entry.Sha256) && entry.Size >= 0)
                {
                    entries[path] = entry;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            LogIgnored(logger, filePath, ex.Message);
            entries.Clear();
        }

        return new HashCache(normalized, filePath, entries);
    }

    /// <summary>The cached hash of the file, when its size and last write time are still those it was hashed with.</summary>
    public bool TryGet(string fullPath, long size, long lastWriteUtcTicks, out string sha256)
    {
        _seen[fullPath] = 0;
        if (_entries.TryGetValue(fullPath, out var entry) && entry.Size == size && entry.LastWriteUtcTicks == lastWriteUtcTicks)
        {
            sha256 = entry.Sha256;
            return true;
        }

        sha256 = string.Empty;
        return false;
    }

    /// <summary>Remembers a fresh hash, unless the file was written too recently to trust its time (see <see cref="RacyWindow"/>).</summary>
    public void Set(string fullPath, long size, long lastWriteUtcTicks, string sha256, DateTime hashedAtUtc)
    {
        _seen[fullPath] = 0;
        if (lastWriteUtcTicks > (hashedAtUtc - RacyWindow).Ticks)
        {
            _dirty |= _entries.TryRemove(fullPath, out _);
            return;
        }

        _entries[fullPath] = new HashCacheEntry { Size = size, LastWriteUtcTicks = lastWriteUtcTicks, Sha256 = sha256 };
        _dirty = true;
    }

    /// <summary>
    /// Writes the cache atomically (temporary file in the same folder, then a replacing move). Entries of files that
    /// no longer exist are dropped. Failure is logged, never thrown.
    /// </summary>
    public void Save(ISyncLogger logger)
    {
        foreach (var path in _entries.Keys)
        {
            if (!_seen.ContainsKey(path) && !File.Exists(path))
            {
                _dirty |= _entries.TryRemove(path, out _);
            }
        }

        if (!_dirty && File.Exists(FilePath))
        {
            return;
        }

        var directory = Path.GetDirectoryName(FilePath)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(FilePath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            var document = new HashCacheDocument
            {
                Format = FormatMarker,
                Version = FormatVersion,
                Root = _root,
                Entries = new SortedDictionary<string, HashCacheEntry>(_entries, StringComparer.Ordinal),
            };
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(document, HashCacheJsonContext.Default.HashCacheDocument));
            File.Move(temp, FilePath, overwrite: true);
            _dirty = false;
            logger.Log(SyncLogLevel.Debug, $"Hash cache saved: {FilePath} ({_entries.Count} entries).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            logger.Log(SyncLogLevel.Warning, DiagnosticCodes.HashCacheNotSaved.Format(FilePath, ex.Message), DiagnosticCodes.HashCacheNotSaved.Code);
        }
    }

    internal static string NormalizeRoot(string root)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        return OperatingSystem.IsLinux() ? full : full.ToUpperInvariant();
    }

    private static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static void LogIgnored(ISyncLogger logger, string filePath, string reason) =>
        logger.Log(SyncLogLevel.Debug, DiagnosticCodes.HashCacheIgnored.Format(filePath, reason), DiagnosticCodes.HashCacheIgnored.Code);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless.
        }
    }
}

internal sealed class HashCacheDocument
{
    public string? Format { get; set; }

    public int Version { get; set; }

    public string? Root { get; set; }

    public IDictionary<string, HashCacheEntry>? Entries { get; set; }
}

internal sealed class HashCacheEntry
{
    public long Size { get; set; }

    public long LastWriteUtcTicks { get; set; }

    public string Sha256 { get; set; } = string.Empty;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HashCacheDocument))]
[JsonSerializable(typeof(SortedDictionary<string, HashCacheEntry>))]
internal sealed partial class HashCacheJsonContext : JsonSerializerContext;
