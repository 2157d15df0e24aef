using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using VolSync.Diagnostics;
using VolSync.Naming;

namespace VolSync.Releases;

/// <summary>
/// The one reader and writer of manifests, for both naming modes (SPEC §8). The writer's bytes are stable: compact
/// UTF-8 JSON (non-ASCII characters as themselves), keys in a fixed order, files sorted by path, a final newline.
/// The document is the header up to <c>"files":</c> (<see cref="WritePrefix"/>), the files array, and
/// <see cref="Suffix"/>; the id's hash is over exactly the array's bytes, which one serializer
/// (<see cref="WriteFile"/>) makes for the id and for the document alike. Neither side holds the document whole:
/// <see cref="ManifestDocument"/> streams it out, <see cref="ManifestParser"/> reads it in.
/// </summary>
internal static class ManifestJson
{
    private const string CreatedFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        // Paths are written as their UTF-8 characters; only what JSON requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Where a manifest about to be written is, for messages.</summary>
    public const string NewReleaseLocation = "(new release)";

    /// <summary>What follows the files array: the document's closing brace and a final newline.</summary>
    public static ReadOnlySpan<byte> Suffix => "}\n"u8;

    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, WriterOptions);

    /// <summary>One entry of the files array.</summary>
    public static void WriteFile(Utf8JsonWriter json, ReleaseFile file)
    {
        json.WriteStartObject();
        json.WriteString("path"u8, file.Path);
        json.WriteString("remotePath"u8, file.RemotePath);
        json.WriteString("sha256"u8, file.Sha256);
        json.WriteNumber("size"u8, file.Size);
        json.WriteEndObject();
    }

    /// <summary>
    /// Serializes <paramref name="files"/> as the files array into nothing but a hash and a count, calling
    /// <paramref name="check"/> on each entry first.
    /// </summary>
    public static FilesMeasure MeasureFiles(IEnumerable<ReleaseFile> files, Action<ReleaseFile>? check)
    {
        using var sink = new HashingBufferWriter();
        var count = 0;
        using (var json = CreateWriter(sink))
        {
            json.WriteStartArray();
            foreach (var file in files)
            {
                check?.Invoke(file);
                WriteFile(json, file);
                count++;
                if (json.BytesPending > 16 * 1024)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
        }

        return new FilesMeasure(count, sink.Length, sink.Finish());
    }

    /// <summary>The document up to and including <c>"files":</c>.</summary>
    public static byte[] WritePrefix(ManifestHeader header)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = CreateWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", ReleaseManifest.FormatName);
            json.WriteNumber("version", ReleaseManifest.CurrentVersion);
            json.WriteString("id", header.Id);
            json.WriteString("created", header.Created.UtcDateTime.ToString(CreatedFormat, CultureInfo.InvariantCulture));
            json.WriteString("tool", header.Tool);
            json.WriteString("naming", header.Naming.ToName());
            json.WriteNumber("hashLength", header.HashLength);
            if (header.Source is { IsEmpty: false } source)
            {
                json.WriteStartObject("source");
                WriteIfSet(json, "project", source.Project);
                WriteIfSet(json, "configuration", source.Configuration);
                WriteIfSet(json, "commit", source.Commit);
                WriteIfSet(json, "ci", source.Ci);
                json.WriteEndObject();
            }

            json.WritePropertyName("files");
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static ReleaseManifest Read(ReadOnlySpan<byte> utf8Json, string location, string? remoteRoot)
    {
        var files = new ManifestFileList(location);
        var parser = new ManifestParser(files);
        try
        {
            parser.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            throw NotJson(ex, location);
        }

        return files.ToManifest(parser.Fields, remoteRoot);
    }

    /// <summary>Reads a manifest from <paramref name="stream"/> as it arrives, never holding its bytes whole.</summary>
    public static async Task<ReleaseManifest> ReadAsync(Stream stream, string location, string? remoteRoot, CancellationToken cancellationToken)
    {
        var files = new ManifestFileList(location);
        var parser = new ManifestParser(files);
        try
        {
            await parser.ParseAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw NotJson(ex, location);
        }

        return files.ToManifest(parser.Fields, remoteRoot);
    }

    public static VolSyncException NotJson(JsonException ex, string location) =>
        DiagnosticCodes.ManifestInvalid.ToException(ex, location, "it is not JSON (" + ex.Message + ")");

    /// <summary>
    /// The top level of a manifest, checked in a fixed order (so a manifest wrong in several ways always gets the same
    /// message): an object, the format, the version (it decides how the rest is read), id, created, naming,
    /// hashLength, and a files array.
    /// </summary>
    public static ManifestHeader CheckHeader(ManifestFields fields, string location)
    {
        if (!fields.IsObject)
        {
            throw Invalid(location, "it is not a JSON object");
        }

        if (fields.Format != ReleaseManifest.FormatName)
        {
            throw Invalid(location, $"'format' is not \"{ReleaseManifest.FormatName}\"");
        }

        if (fields.Version is not { } version)
        {
            throw Invalid(location, "'version' is missing or not a whole number");
        }

        if (version != ReleaseManifest.CurrentVersion)
        {
            throw DiagnosticCodes.ManifestVersionUnknown.ToException(location, version, ReleaseManifest.ToolName, ReleaseManifest.CurrentVersion);
        }

        var id = fields.Id;
        if (!ReleaseId.IsValid(id))
        {
            throw Invalid(location, $"'id' ('{id}') is not a release id");
        }

        if (!DateTimeOffset.TryParse(fields.Created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
        {
            throw Invalid(location, "'created' is not an ISO-8601 time");
        }

        var naming = NamingOf(fields) ?? throw Invalid(location, "'naming' is not \"hashed\" or \"original\"");
        var hashLength = HashLengthOf(fields, naming) ?? throw (fields.HasHashLength
            ? Invalid(location, "'hashLength' is not a number from 8 to 64")
            : Invalid(location, "'hashLength' is missing"));
        if (!fields.FilesIsArray)
        {
            throw Invalid(location, "'files' is missing or not an array");
        }

        return new ManifestHeader(id!, created, fields.Tool ?? string.Empty, naming, hashLength, fields.Source);
    }

    /// <summary>The naming mode, or null when it is not one.</summary>
    public static NamingMode? NamingOf(ManifestFields fields) => fields.Naming switch
    {
        NamingModes.HashedName => NamingMode.Hashed,
        NamingModes.OriginalName => NamingMode.Original,
        _ => null,
    };

    /// <summary>The hash length (the default when original names leave it out), or null when it is wrong or missing.</summary>
    public static int? HashLengthOf(ManifestFields fields, NamingMode naming)
    {
        if (!fields.HasHashLength)
        {
            return naming == NamingMode.Hashed ? null : HashedName.DefaultHashLength;
        }

        return fields.HashLength is { } length and >= HashedName.MinHashLength and <= HashedName.MaxHashLength ? length : null;
    }

    /// <summary>
    /// What is wrong with one files entry as read (before <see cref="FileProblem"/>): a field missing or of the wrong
    /// type, or a path that is not a safe relative path. Null when it is a well-formed entry.
    /// </summary>
    public static VolSyncException? EntryProblem(string? path, string? remotePath, string? sha256, long? size, string location)
    {
        if (path is null || remotePath is null || sha256 is null || size is null)
        {
            return Invalid(location, "a file entry lacks one of path, remotePath, sha256, size");
        }

        if (!ReleaseLayout.IsSafeRelativePath(path) || !ReleaseLayout.IsSafeRelativePath(remotePath))
        {
            return DiagnosticCodes.ManifestPathUnsafe.ToException(location, ReleaseLayout.IsSafeRelativePath(path) ? remotePath : path);
        }

        return null;
    }

    /// <summary>
    /// The rules every manifest obeys, for the ones read and the ones about to be written: safe relative paths
    /// (pull joins them to a folder), each path once, hashes and sizes well formed, and remote paths exactly what
    /// the naming mode makes of the path and hash (so a hand-edited manifest cannot point a job at another file).
    /// </summary>
    public static void Validate(ReleaseManifest manifest, string location)
    {
        // Files are sorted by path, so a path listed twice is listed next to itself.
        ReleaseFile? previous = null;
        foreach (var file in manifest.Files)
        {
            var listedBefore = previous is not null && string.Equals(previous.Path, file.Path, StringComparison.Ordinal);
            if (FileProblem(manifest.Naming, manifest.HashLength, file, listedBefore, location) is { } problem)
            {
                throw problem;
            }

            previous = file;
        }
    }

    /// <summary>What is wrong with one file of a manifest (the rules of <see cref="Validate"/>), or null.</summary>
    public static VolSyncException? FileProblem(NamingMode naming, int hashLength, ReleaseFile file, bool listedBefore, string location)
    {
        foreach (var path in new[] { file.Path, file.RemotePath })
        {
            if (!ReleaseLayout.IsSafeRelativePath(path))
            {
                return DiagnosticCodes.ManifestPathUnsafe.ToException(location, path);
            }
        }

        if (ReleaseLayout.IsVolSyncPath(file.Path) || ReleaseLayout.IsVolSyncPath(file.RemotePath))
        {
            return Invalid(location, $"'{file.Path}' lies in VolSync's own folder {ReleaseLayout.DirectoryName}/");
        }

        if (listedBefore)
        {
            return Invalid(location, $"'{file.Path}' is listed twice");
        }

        if (file.Sha256.Length != 64 || !file.Sha256.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            return Invalid(location, $"the sha256 of '{file.Path}' is not 64 lowercase hex digits");
        }

        if (file.Size < 0)
        {
            return Invalid(location, $"the size of '{file.Path}' is negative");
        }

        var expected = ExpectedRemotePath(naming, hashLength, file.Path, file.Sha256);
        if (!string.Equals(file.RemotePath, expected, StringComparison.Ordinal))
        {
            return Invalid(location, $"the remotePath of '{file.Path}' is '{file.RemotePath}', but {naming.ToName()} naming stores it as '{expected}'");
        }

        return null;
    }

    /// <summary>Where naming <paramref name="mode"/> stores a file: the same folder, the name hashed or kept.</summary>
    public static string ExpectedRemotePath(NamingMode mode, int hashLength, string path, string sha256)
    {
        if (mode == NamingMode.Original)
        {
            return path;
        }

        var slash = path.LastIndexOf('/');
        var name = HashedName.Format(path[(slash + 1)..], sha256, hashLength);
        return slash < 0 ? name : path[..(slash + 1)] + name;
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    public static VolSyncException Invalid(string location, string why) => DiagnosticCodes.ManifestInvalid.ToException(location, why);
}

/// <summary>The files of a manifest read whole (<see cref="ReleaseManifest"/>): each entry kept, the first malformed one remembered.</summary>
internal sealed class ManifestFileList(string location) : IManifestFileSink
{
    private List<ReleaseFile> _files = [];
    private VolSyncException? _problem;
    private string? _previous;
    private bool _sorted = true;

    public void Add(ManifestFields header, string? path, string? remotePath, string? sha256, long? size)
    {
        if (_problem is not null)
        {
            return;
        }

        _problem = ManifestJson.EntryProblem(path, remotePath, sha256, size, location);
        if (_problem is null)
        {
            _sorted &= _previous is null || string.CompareOrdinal(_previous, path) <= 0;
            _previous = path;
            _files.Add(new ReleaseFile(path!, remotePath!, sha256!, size!.Value));
        }
    }

    public void Restart()
    {
        _files = [];
        _problem = null;
        _previous = null;
        _sorted = true;
    }

    /// <summary>The manifest, checked: the top level first, then the entries in the order they came, then the rules of every file.</summary>
    public ReleaseManifest ToManifest(ManifestFields fields, string? remoteRoot)
    {
        var header = ManifestJson.CheckHeader(fields, location);
        if (_problem is not null)
        {
            throw _problem;
        }

        if (!_sorted)
        {
            _files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        }

        var manifest = new ReleaseManifest(header, _files, remoteRoot);
        ManifestJson.Validate(manifest, location);
        return manifest;
    }
}
