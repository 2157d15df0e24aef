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
/// The files array is written once and reused verbatim in the document, so the id's hash is over exactly the bytes
/// a reader finds between <c>"files":</c> and the closing brace.
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

    public static byte[] WriteFilesArray(IReadOnlyList<ReleaseFile> files)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartArray();
            foreach (var file in files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("remotePath", file.RemotePath);
                json.WriteString("sha256", file.Sha256);
                json.WriteNumber("size", file.Size);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Write(ReleaseManifest manifest)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("format", ReleaseManifest.FormatName);
            json.WriteNumber("version", ReleaseManifest.CurrentVersion);
            json.WriteString("id", manifest.Id);
            json.WriteString("created", manifest.Created.UtcDateTime.ToString(CreatedFormat, CultureInfo.InvariantCulture));
            json.WriteString("tool", manifest.Tool);
            json.WriteString("naming", manifest.Naming.ToName());
            json.WriteNumber("hashLength", manifest.HashLength);
            if (manifest.Source is { IsEmpty: false } source)
            {
                json.WriteStartObject("source");
                WriteIfSet(json, "project", source.Project);
                WriteIfSet(json, "configuration", source.Configuration);
                WriteIfSet(json, "commit", source.Commit);
                WriteIfSet(json, "ci", source.Ci);
                json.WriteEndObject();
            }

            json.WritePropertyName("files");
            json.WriteRawValue(WriteFilesArray(manifest.Files), skipInputValidation: true);
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public static ReleaseManifest Read(ReadOnlySpan<byte> utf8Json, string location, string? remoteRoot)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw DiagnosticCodes.ManifestInvalid.ToException(ex, location, "it is not JSON (" + ex.Message + ")");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(location, "it is not a JSON object");
            }

            if (GetString(root, "format") != ReleaseManifest.FormatName)
            {
                throw Invalid(location, $"'format' is not \"{ReleaseManifest.FormatName}\"");
            }

            // The version decides how the rest is read, so it is checked before anything else.
            if (!root.TryGetProperty("version", out var versionElement) || versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out var version))
            {
                throw Invalid(location, "'version' is missing or not a whole number");
            }

            if (version != ReleaseManifest.CurrentVersion)
            {
                throw DiagnosticCodes.ManifestVersionUnknown.ToException(location, version, ReleaseManifest.ToolName, ReleaseManifest.CurrentVersion);
            }

            var id = GetString(root, "id");
            if (!ReleaseId.IsValid(id))
            {
                throw Invalid(location, $"'id' ('{id}') is not a release id");
            }

            if (!DateTimeOffset.TryParse(GetString(root, "created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
            {
                throw Invalid(location, "'created' is not an ISO-8601 time");
            }

            var naming = GetString(root, "naming") switch
            {
                NamingModes.HashedName => NamingMode.Hashed,
                NamingModes.OriginalName => NamingMode.Original,
                _ => throw Invalid(location, "'naming' is not \"hashed\" or \"original\""),
            };

            var hashLength = HashedName.DefaultHashLength;
            if (root.TryGetProperty("hashLength", out var hashLengthElement))
            {
                if (hashLengthElement.ValueKind != JsonValueKind.Number || !hashLengthElement.TryGetInt32(out hashLength) || hashLength is < HashedName.MinHashLength or > HashedName.MaxHashLength)
                {
                    throw Invalid(location, "'hashLength' is not a number from 8 to 64");
                }
            }
            else if (naming == NamingMode.Hashed)
            {
                throw Invalid(location, "'hashLength' is missing");
            }

            var source = ReadSource(root);
            var files = ReadFiles(root, location);
            var manifest = new ReleaseManifest(id!, created, GetString(root, "tool") ?? string.Empty, naming, hashLength, source, files, remoteRoot);
            Validate(manifest, location);
            return manifest;
        }
    }

    /// <summary>
    /// The rules every manifest obeys, for the ones read and the ones about to be written: safe relative paths
    /// (pull joins them to a folder), each path once, hashes and sizes well formed, and remote paths exactly what
    /// the naming mode makes of the path and hash (so a hand-edited manifest cannot point a job at another file).
    /// </summary>
    public static void Validate(ReleaseManifest manifest, string location)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            foreach (var path in new[] { file.Path, file.RemotePath })
            {
                if (!ReleaseLayout.IsSafeRelativePath(path))
                {
                    throw DiagnosticCodes.ManifestPathUnsafe.ToException(location, path);
                }
            }

            if (ReleaseLayout.IsVolSyncPath(file.Path) || ReleaseLayout.IsVolSyncPath(file.RemotePath))
            {
                throw Invalid(location, $"'{file.Path}' lies in VolSync's own folder {ReleaseLayout.DirectoryName}/");
            }

            if (!seen.Add(file.Path))
            {
                throw Invalid(location, $"'{file.Path}' is listed twice");
            }

            if (file.Sha256.Length != 64 || !file.Sha256.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                throw Invalid(location, $"the sha256 of '{file.Path}' is not 64 lowercase hex digits");
            }

            if (file.Size < 0)
            {
                throw Invalid(location, $"the size of '{file.Path}' is negative");
            }

            var expected = ExpectedRemotePath(manifest.Naming, manifest.HashLength, file.Path, file.Sha256);
            if (!string.Equals(file.RemotePath, expected, StringComparison.Ordinal))
            {
                throw Invalid(location, $"the remotePath of '{file.Path}' is '{file.RemotePath}', but {manifest.Naming.ToName()} naming stores it as '{expected}'");
            }
        }
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

    private static List<ReleaseFile> ReadFiles(JsonElement root, string location)
    {
        if (!root.TryGetProperty("files", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(location, "'files' is missing or not an array");
        }

        var files = new List<ReleaseFile>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            var path = GetString(item, "path");
            var remotePath = GetString(item, "remotePath");
            var sha256 = GetString(item, "sha256");
            if (path is null || remotePath is null || sha256 is null
                || !item.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt64(out var size))
            {
                throw Invalid(location, "a file entry lacks one of path, remotePath, sha256, size");
            }

            if (!ReleaseLayout.IsSafeRelativePath(path) || !ReleaseLayout.IsSafeRelativePath(remotePath))
            {
                throw DiagnosticCodes.ManifestPathUnsafe.ToException(location, ReleaseLayout.IsSafeRelativePath(path) ? remotePath : path);
            }

            files.Add(new ReleaseFile(path, remotePath, sha256, size));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private static ReleaseSource? ReadSource(JsonElement root)
    {
        if (!root.TryGetProperty("source", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var source = new ReleaseSource
        {
            Project = GetString(element, "project"),
            Configuration = GetString(element, "configuration"),
            Commit = GetString(element, "commit"),
            Ci = GetString(element, "ci"),
        };
        return source.IsEmpty ? null : source;
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static VolSyncException Invalid(string location, string why) => DiagnosticCodes.ManifestInvalid.ToException(location, why);
}
