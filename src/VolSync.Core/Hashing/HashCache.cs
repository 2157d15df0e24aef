using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VolSync.Diagnostics;
using VolSync.Discovery;

namespace VolSync.Hashing;

/// <summary>
/// File hashes kept across runs so re-syncing an unchanged tree does not read it again. One file per synced root,
/// outside that root: a header line, then one JSON line per file (path under the root, size, modification time,
/// inode, status-change time, SHA-256) in ordinal path order, so it is read and merged as a stream.
/// <para>
/// An entry is used only while the file matches every stamp it was taken with (<see cref="HashCacheEntry.Matches"/>),
/// which catches what git's index catches: restoring a modification time (<c>touch -r</c>, <c>cp -p</c>) still moves
/// the status-change time. Saving merges this run's entries into what is on disk under a lock, so concurrent runs
/// on one tree (say, with different patterns) never lose each other's entries, and the file is replaced atomically,
/// so it is never half written. A cache that cannot be read or is not ours is ignored (the files are simply hashed
/// again); it is never fatal.
/// </para>
/// </summary>
internal sealed class HashCache
{
    internal const string FormatMarker = "volsync-hash-cache";
    internal const int FormatVersion = 2;

    /// <summary>
    /// A file written (or whose status changed) this recently may change again within the file system's time
    /// resolution without any stamp moving, so its hash is used for this run but not remembered.
    /// </summary>
    internal static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    /// <summary>How long a save waits for another run that is saving the same cache.</summary>
    internal static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly string _root;
    private readonly string _normalizedRoot;

    private HashCache(string root, string filePath)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _normalizedRoot = NormalizeRoot(root);
        FilePath = filePath;
    }

    /// <summary>Where this cache is stored.</summary>
    public string FilePath { get; }

    /// <summary>The lock file saves hold while they merge and replace <see cref="FilePath"/>.</summary>
    public string LockPath => Path.ChangeExtension(FilePath, ".lock");

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
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeRoot(root)))).ToLowerInvariant();
        return Path.Combine(directory ?? DefaultDirectory, id + ".json");
    }

    /// <summary>The cache of <paramref name="root"/> in <paramref name="directory"/> (null: <see cref="DefaultDirectory"/>).</summary>
    public static HashCache For(string root, string? directory) => new(root, PathFor(root, directory));

    /// <summary>
    /// Calls <paramref name="found"/> with the index and cached hash of each of <paramref name="files"/> that still looks
    /// exactly as it did when it was hashed, and returns how many entries the file on disk has (an absent, unreadable or
    /// foreign file has none). The file is read alongside the files, both in ordinal path order (discovery's order), so
    /// no entry is held: a lookup table of 200 000 entries and their paths would cost 35 MB at its peak.
    /// </summary>
    public int Match(IReadOnlyList<LocalFile> files, Action<int, Sha256Digest> found, ISyncLogger logger)
    {
        var order = OrdinalOrder(files);
        var entries = 0;
        var next = 0;
        foreach (var entry in Read(logger))
        {
            entries++;
            while (next < files.Count && string.CompareOrdinal(files[order?[next] ?? next].RelativePath, entry.Path) < 0)
            {
                next++;
            }

            if (next < files.Count && files[order?[next] ?? next] is var file && string.Equals(file.RelativePath, entry.Path, StringComparison.Ordinal))
            {
                if (entry.Matches(file))
                {
                    found(order?[next] ?? next, entry.Sha256);
                }

                next++;
            }
        }

        return entries;
    }

    /// <summary>Null when <paramref name="files"/> are in strictly increasing ordinal path order; else the indices in that order.</summary>
    private static int[]? OrdinalOrder(IReadOnlyList<LocalFile> files)
    {
        for (var i = 1; i < files.Count; i++)
        {
            if (string.CompareOrdinal(files[i - 1].RelativePath, files[i].RelativePath) >= 0)
            {
                var order = Enumerable.Range(0, files.Count).ToArray();
                Array.Sort(order, (a, b) => string.CompareOrdinal(files[a].RelativePath, files[b].RelativePath));
                return order;
            }
        }

        return null;
    }

    /// <summary>
    /// Merges what this run knows into the file on disk and replaces it, under <see cref="LockPath"/>:
    /// <paramref name="known"/> (in ordinal path order) wins over what is on disk for its path; an entry on disk equal
    /// to one of <paramref name="wrong"/> (found not to match its file's content) is dropped; every other entry on disk
    /// is kept while its file exists. Failure is logged, never thrown.
    /// </summary>
    public void Save(IEnumerable<HashCacheEntry> known, IReadOnlyCollection<HashCacheEntry> wrong, ISyncLogger logger)
    {
        var directory = Path.GetDirectoryName(FilePath)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(FilePath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            using var held = AcquireLock();
            if (held is null)
            {
                logger.Log(SyncLogLevel.Warning, DiagnosticCodes.HashCacheNotSaved.Format(FilePath, $"another run kept its lock ({LockPath}) for {LockTimeout.TotalSeconds:0} s."), DiagnosticCodes.HashCacheNotSaved.Code);
                return;
            }

            // Under the lock no other save is writing: a temporary file still here is what a killed run left.
            foreach (var stale in Directory.EnumerateFiles(directory, $".{Path.GetFileName(FilePath)}.*.tmp"))
            {
                TryDelete(stale);
            }

            var wrongByPath = wrong.ToDictionary(w => w.Path, StringComparer.Ordinal);
            int count;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                count = Write(stream, Merge(known, Read(logger), wrongByPath));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
            logger.Log(SyncLogLevel.Debug, $"Hash cache saved: {FilePath} ({count} entries).");
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

    /// <summary>A merge-join of two streams in ordinal path order.</summary>
    private IEnumerable<HashCacheEntry> Merge(IEnumerable<HashCacheEntry> known, IEnumerable<HashCacheEntry> onDisk, Dictionary<string, HashCacheEntry> wrong)
    {
        using var ours = known.GetEnumerator();
        using var theirs = onDisk.GetEnumerator();
        var hasOurs = ours.MoveNext();
        var hasTheirs = theirs.MoveNext();
        string? previous = null;
        while (hasOurs || hasTheirs)
        {
            var order = !hasOurs ? 1 : !hasTheirs ? -1 : string.CompareOrdinal(theirs.Current.Path, ours.Current.Path) switch { < 0 => 1, 0 => 0, _ => -1 };
            if (order <= 0)
            {
                var entry = ours.Current;
                if (previous is not null && string.CompareOrdinal(previous, entry.Path) >= 0)
                {
                    throw new InvalidOperationException($"Hash cache entries must come in ordinal path order: '{entry.Path}' after '{previous}'.");
                }

                previous = entry.Path;
                yield return entry;
                hasOurs = ours.MoveNext();
                if (order == 0)
                {
                    hasTheirs = theirs.MoveNext();
                }
            }
            else
            {
                var entry = theirs.Current;
                hasTheirs = theirs.MoveNext();
                if ((wrong.TryGetValue(entry.Path, out var bad) && bad == entry) || !File.Exists(LocalFile.PathOf(_root, entry.Path)))
                {
                    continue;
                }

                yield return entry;
            }
        }
    }

    /// <summary>The entries of the file on disk, in its (ordinal path) order; stops at the first thing that is not ours.</summary>
    private IEnumerable<HashCacheEntry> Read(ISyncLogger logger)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024), new UTF8Encoding(false, true));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            yield break;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            LogIgnored(logger, ex.Message);
            yield break;
        }

        using (reader)
        {
            string? previous = null;
            var lineNumber = 0;
            while (true)
            {
                HashCacheEntry? entry;
                string? problem;
                try
                {
                    var line = reader.ReadLine();
                    if (line is null)
                    {
                        if (lineNumber == 0)
                        {
                            LogIgnored(logger, "it is empty");
                        }

                        yield break;
                    }

                    lineNumber++;
                    if (lineNumber == 1)
                    {
                        problem = CheckHeader(JsonSerializer.Deserialize(line, HashCacheJsonContext.Default.HashCacheHeader));
                        entry = null;
                    }
                    else
                    {
                        entry = HashCacheEntry.FromLine(JsonSerializer.Deserialize(line, HashCacheJsonContext.Default.HashCacheLine));
                        problem = entry is null ? $"line {lineNumber} is not an entry"
                            : previous is not null && string.CompareOrdinal(previous, entry.Value.Path) >= 0 ? $"line {lineNumber} is out of order"
                            : null;
                    }
                }
                catch (Exception ex) when (ex is JsonException or IOException or DecoderFallbackException)
                {
                    (entry, problem) = (null, ex.Message);
                }

                if (problem is not null)
                {
                    // Entries read so far stay valid: each stands on its own.
                    LogIgnored(logger, problem);
                    yield break;
                }

                if (entry is { } e)
                {
                    previous = e.Path;
                    yield return e;
                }
            }
        }
    }

    private string? CheckHeader(HashCacheHeader? header) =>
        header is null ? "it is empty"
        : header.Format != FormatMarker ? "it is not a VolSync hash cache"
        : header.Version != FormatVersion ? $"it has format version {header.Version}, expected {FormatVersion}"
        : !string.Equals(header.Root, _normalizedRoot, StringComparison.Ordinal) ? "it belongs to another folder"
        : null;

    private int Write(Stream stream, IEnumerable<HashCacheEntry> entries)
    {
        var count = 0;
        using var json = new Utf8JsonWriter(stream);
        JsonSerializer.Serialize(json, new HashCacheHeader { Format = FormatMarker, Version = FormatVersion, Root = _normalizedRoot }, HashCacheJsonContext.Default.HashCacheHeader);
        foreach (var entry in entries)
        {
            EndLine(json, stream);
            JsonSerializer.Serialize(json, entry.ToLine(), HashCacheJsonContext.Default.HashCacheLine);
            count++;
        }

        EndLine(json, stream);
        return count;
    }

    private static void EndLine(Utf8JsonWriter json, Stream stream)
    {
        json.Flush();
        stream.Write(NewLine);
        json.Reset();
    }

    /// <summary>The lock file opened exclusively (an advisory lock on Unix), or null after <see cref="LockTimeout"/>.</summary>
    private FileStream? AcquireLock()
    {
        var waited = Stopwatch.StartNew();
        var pause = 10;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                Thread.Sleep(pause);
                pause = Math.Min(pause * 2, 200);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    private void LogIgnored(ISyncLogger logger, string reason) =>
        logger.Log(SyncLogLevel.Debug, DiagnosticCodes.HashCacheIgnored.Format(FilePath, reason), DiagnosticCodes.HashCacheIgnored.Code);

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
