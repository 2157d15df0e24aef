using System.Text.Json;
using VolSync.Hashing;
using VolSync.Naming;

namespace VolSync.Releases;

/// <summary>
/// The root's current release as a sync needs it (SPEC §8, §9): its header, the SHA-256 of its files array (equal
/// digests, equal file sets: a no-op re-sync writes nothing), and, only for original names, each file's hash and size
/// by path. A hashed-names sync of 200 000 files holds no per-file state of it at all; an original-names one holds a
/// path, a 32-byte hash and a size per file instead of four objects.
/// </summary>
internal sealed class CurrentRelease
{
    private readonly RecordedFiles? _files;

    private CurrentRelease(ManifestHeader header, Sha256Digest filesDigest, int fileCount, RecordedFiles? files, DateTimeOffset? latestModified)
    {
        Header = header;
        FilesDigest = filesDigest;
        FileCount = fileCount;
        _files = files;
        LatestModified = latestModified;
    }

    public ManifestHeader Header { get; }

    public string Id => Header.Id;

    public NamingMode Naming => Header.Naming;

    public Sha256Digest FilesDigest { get; }

    public int FileCount { get; }

    /// <summary>The server's <c>last_modified</c> of <c>latest.json</c>, when it was listed.</summary>
    public DateTimeOffset? LatestModified { get; }

    /// <summary>True when <paramref name="release"/> holds the same files stored the same way (path, remote path, hash, size, naming).</summary>
    public bool HasSameFilesAs(ManifestDocument release) => Naming == release.Header.Naming && FilesDigest == release.FilesDigest;

    /// <summary>The recorded hash and size of the file at <paramref name="path"/>; only when read with its files.</summary>
    public bool TryFind(string path, out Sha256Digest sha256, out long size)
    {
        if (_files is null)
        {
            throw new InvalidOperationException("The current release was read without its files.");
        }

        return _files.TryFind(path, out sha256, out size);
    }

    /// <summary>The release as a document again (to rewrite <c>latest.json</c>); only when read with its files.</summary>
    public ManifestDocument ToDocument()
    {
        var files = _files ?? throw new InvalidOperationException("The current release was read without its files.");
        return ManifestDocument.Of(Header, () => files.ToReleaseFiles(Header));
    }

    /// <summary>A release read whole (a manifest the streaming reader passed on).</summary>
    public static CurrentRelease Of(ReleaseManifest manifest, bool withFiles, DateTimeOffset? latestModified)
    {
        var digest = ManifestJson.MeasureFiles(manifest.Files, check: null).Digest;
        RecordedFiles? files = null;
        if (withFiles)
        {
            files = new RecordedFiles(manifest.Files.Count);
            foreach (var file in manifest.Files)
            {
                files.Add(file);
            }
        }

        return new CurrentRelease(manifest.Header, digest, manifest.Files.Count, files, latestModified);
    }

    /// <summary>
    /// Reads a manifest for a sync without keeping its entries: each is checked and serialized again into a hash as it
    /// arrives. It takes the common shape only (a valid header before the files, files in strictly increasing path
    /// order, every entry valid, one files key): anything else makes <see cref="Finish"/> return null, and the caller
    /// reads the manifest whole, which says exactly what is wrong, in the same words as everywhere.
    /// </summary>
    internal sealed class Reader(string location, bool withFiles) : IManifestFileSink, IDisposable
    {
        private readonly HashingBufferWriter _hash = new();
        private readonly RecordedFiles? _files = withFiles ? new RecordedFiles(0) : null;
        private Utf8JsonWriter? _json;
        private string? _previous;
        private int _count;
        private int _starts;
        private bool _readWhole;
        private NamingMode _naming;
        private int _hashLength;

        public void Add(ManifestFields header, string? path, string? remotePath, string? sha256, long? size)
        {
            if (_readWhole)
            {
                return;
            }

            if (_json is null)
            {
                if (header.Version != ReleaseManifest.CurrentVersion || ManifestJson.NamingOf(header) is not { } naming || ManifestJson.HashLengthOf(header, naming) is not { } hashLength)
                {
                    _readWhole = true;
                    return;
                }

                (_naming, _hashLength) = (naming, hashLength);
                _json = ManifestJson.CreateWriter(_hash);
                _json.WriteStartArray();
            }

            if (ManifestJson.EntryProblem(path, remotePath, sha256, size, location) is not null
                || (_previous is not null && string.CompareOrdinal(_previous, path) >= 0))
            {
                _readWhole = true;
                return;
            }

            var file = new ReleaseFile(path!, remotePath!, sha256!, size!.Value);
            if (ManifestJson.FileProblem(_naming, _hashLength, file, listedBefore: false, location) is not null)
            {
                _readWhole = true;
                return;
            }

            ManifestJson.WriteFile(_json, file);
            if (_json.BytesPending > 16 * 1024)
            {
                _json.Flush();
            }

            _files?.Add(file);
            _previous = path;
            _count++;
        }

        public void Restart()
        {
            _readWhole |= ++_starts > 1;
        }

        /// <summary>The release, or null when it must be read whole. A header that is wrong throws as it would there.</summary>
        public CurrentRelease? Finish(ManifestFields fields, DateTimeOffset? latestModified)
        {
            if (_readWhole)
            {
                return null;
            }

            var header = ManifestJson.CheckHeader(fields, location);
            if (_json is null)
            {
                // No entries: the digest of an empty array, made the one way.
                return new CurrentRelease(header, ManifestJson.MeasureFiles([], check: null).Digest, 0, _files, latestModified);
            }

            _json.WriteEndArray();
            _json.Flush();
            return new CurrentRelease(header, _hash.Finish(), _count, _files, latestModified);
        }

        public void Dispose()
        {
            _json?.Dispose();
            _hash.Dispose();
        }
    }

    /// <summary>Paths in ordinal order, each with its hash and size; the remote path follows from them (the manifest was checked).</summary>
    private sealed class RecordedFiles(int capacity)
    {
        private readonly List<string> _paths = new(capacity);
        private readonly List<(Sha256Digest Sha256, long Size)> _entries = new(capacity);

        public void Add(ReleaseFile file)
        {
            _paths.Add(file.Path);
            _entries.Add((Sha256Digest.Parse(file.Sha256), file.Size));
        }

        public bool TryFind(string path, out Sha256Digest sha256, out long size)
        {
            var index = _paths.BinarySearch(path, StringComparer.Ordinal);
            (sha256, size) = index >= 0 ? _entries[index] : default;
            return index >= 0;
        }

        public IEnumerable<ReleaseFile> ToReleaseFiles(ManifestHeader header)
        {
            for (var i = 0; i < _paths.Count; i++)
            {
                var sha256 = _entries[i].Sha256.ToString();
                yield return new ReleaseFile(_paths[i], ManifestJson.ExpectedRemotePath(header.Naming, header.HashLength, _paths[i], sha256), sha256, _entries[i].Size);
            }
        }
    }
}
