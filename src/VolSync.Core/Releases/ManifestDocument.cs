using VolSync.Hashing;
using VolSync.Naming;

namespace VolSync.Releases;

/// <summary>
/// A manifest ready to be written whose files are enumerated each time its bytes are needed, never held serialized:
/// one pass measures the files array (its SHA-256 names the release, its length is the <c>Content-Length</c>), and
/// each upload streams the document through <see cref="ManifestContent"/>. The files come from wherever the caller
/// keeps them (a sync's results, a parsed manifest), in ordinal order of their paths.
/// </summary>
internal sealed class ManifestDocument
{
    private readonly byte[] _prefix;
    private readonly Func<IEnumerable<ReleaseFile>> _files;

    private ManifestDocument(ManifestHeader header, Func<IEnumerable<ReleaseFile>> files, FilesMeasure measure)
    {
        Header = header;
        _files = files;
        _prefix = ManifestJson.WritePrefix(header);
        FileCount = measure.Count;
        FilesDigest = measure.Digest;
        Length = _prefix.Length + measure.Length + ManifestJson.Suffix.Length;
    }

    public ManifestHeader Header { get; }

    public int FileCount { get; }

    /// <summary>The SHA-256 of the serialized files array: equal digests, equal file sets.</summary>
    public Sha256Digest FilesDigest { get; }

    /// <summary>Bytes of the whole document.</summary>
    public long Length { get; }

    /// <summary>The document of a release already made (its header says its id).</summary>
    public static ManifestDocument Of(ManifestHeader header, Func<IEnumerable<ReleaseFile>> files) =>
        new(header, files, ManifestJson.MeasureFiles(files(), check: null));

    /// <summary>
    /// A new release of <paramref name="files"/>, which must come in ordinal path order: each is checked as a manifest
    /// is (VOLSYNC1200/1201) while it is measured, and the id is made from <paramref name="created"/> and the digest.
    /// </summary>
    public static ManifestDocument CreateRelease(NamingMode naming, int hashLength, Func<IEnumerable<ReleaseFile>> files, ReleaseSource? source, DateTimeOffset created)
    {
        const string location = ManifestJson.NewReleaseLocation;
        ReleaseFile? previous = null;
        var measure = ManifestJson.MeasureFiles(files(), file =>
        {
            var order = previous is null ? 1 : string.CompareOrdinal(file.Path, previous.Path);
            if (order < 0)
            {
                throw new InvalidOperationException($"The files of a new release must come in ordinal path order: '{file.Path}' came after '{previous!.Path}'.");
            }

            if (ManifestJson.FileProblem(naming, hashLength, file, listedBefore: order == 0, location) is { } problem)
            {
                throw problem;
            }

            previous = file;
        });
        var when = ReleaseManifest.TruncateToMilliseconds(created.ToUniversalTime());
        var header = new ManifestHeader(ReleaseId.FromDigest(when, measure.Digest), when, ReleaseManifest.ToolName, naming, hashLength, source is { IsEmpty: false } ? source : null);
        return new ManifestDocument(header, files, measure);
    }

    /// <summary>The bytes as they are read; every call enumerates the files anew.</summary>
    public Stream OpenRead() => new ManifestContent(_prefix, _files, Length);

    /// <summary>The whole document in one array of its exact size.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        using var content = OpenRead();
        content.ReadExactly(bytes);
        if (content.Read(stackalloc byte[1]) != 0)
        {
            throw new InvalidOperationException("The manifest came to more bytes than measured.");
        }

        return bytes;
    }
}

/// <summary>What one pass over a files array found: entries, bytes, SHA-256.</summary>
internal readonly record struct FilesMeasure(int Count, long Length, Sha256Digest Digest);
