using System.Buffers;
using System.Text.Json;

namespace VolSync.Releases;

/// <summary>What the top level of a manifest says, as found: <see cref="ManifestJson.CheckHeader"/> judges it.</summary>
internal sealed class ManifestFields
{
    public bool IsObject { get; set; } = true;

    public string? Format { get; set; }

    public bool HasVersion { get; set; }

    /// <summary>Null when present but not a whole number.</summary>
    public int? Version { get; set; }

    public string? Id { get; set; }

    public string? Created { get; set; }

    public string? Tool { get; set; }

    public string? Naming { get; set; }

    public bool HasHashLength { get; set; }

    /// <summary>Null when present but not a whole number.</summary>
    public int? HashLength { get; set; }

    public ReleaseSource? Source { get; set; }

    /// <summary>The last <c>files</c> key was an array (the last of duplicate keys wins, as everywhere).</summary>
    public bool FilesIsArray { get; set; }

    /// <summary>How many <c>files</c> keys there were.</summary>
    public int FilesKeys { get; set; }
}

/// <summary>Receives the entries of a manifest's files array as the parser reads them.</summary>
internal interface IManifestFileSink
{
    /// <summary>One entry; a field is null when it is missing or of the wrong type.</summary>
    void Add(ManifestFields header, string? path, string? remotePath, string? sha256, long? size);

    /// <summary>Another <c>files</c> key starts: it replaces what came before.</summary>
    void Restart();
}

/// <summary>
/// Reads a manifest with <see cref="Utf8JsonReader"/> from a stream or a span without holding the document: the top
/// level's keys land in <see cref="Fields"/>, each files entry goes to the sink as soon as it is complete. The reader
/// takes whole units (a top-level value, one files entry) at a time, so the buffer needs to hold only the largest unit.
/// Like <see cref="JsonDocument"/>, it reads the first JSON value and ignores anything after it.
/// </summary>
internal sealed class ManifestParser
{
    private readonly IManifestFileSink _sink;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
    private Phase _phase;

    public ManifestParser(IManifestFileSink sink) => _sink = sink;

    private enum Phase
    {
        Start,
        Root,
        Files,
        Done,
    }

    public ManifestFields Fields { get; } = new();

    /// <summary>Parses the whole document. Throws <see cref="JsonException"/> when it is not JSON.</summary>
    public void Parse(ReadOnlySpan<byte> utf8Json)
    {
        Feed(utf8Json, isFinalBlock: true);
        EnsureDone();
    }

    /// <summary>Parses the document from <paramref name="stream"/> through a pooled buffer. Throws <see cref="JsonException"/> when it is not JSON.</summary>
    public async Task ParseAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var filled = 0;
            var end = false;
            while (_phase != Phase.Done)
            {
                if (filled == buffer.Length)
                {
                    // One unit larger than the buffer (a huge unknown value): make room for it.
                    PooledBuffer.Grow(ref buffer, filled);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                end = read == 0;
                filled += read;
                var consumed = Feed(buffer.AsSpan(0, filled), end);
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (end)
                {
                    EnsureDone();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureDone()
    {
        if (_phase != Phase.Done)
        {
            throw new JsonException("The JSON ends before its first value does.");
        }
    }

    /// <summary>Reads every whole unit of <paramref name="data"/>; returns the bytes consumed.</summary>
    private int Feed(ReadOnlySpan<byte> data, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, _state);
        while (_phase != Phase.Done)
        {
            var checkpoint = reader;
            if (!Step(ref reader))
            {
                reader = checkpoint;
                break;
            }
        }

        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>One unit; false (the reader to be put back) when <paramref name="reader"/> ends inside it.</summary>
    private bool Step(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (_phase)
        {
            case Phase.Start:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    if (!reader.TrySkip())
                    {
                        return false;
                    }

                    Fields.IsObject = false;
                    _phase = Phase.Done;
                    return true;
                }

                _phase = Phase.Root;
                return true;
            case Phase.Root:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _phase = Phase.Done;
                    return true;
                }

                return RootProperty(ref reader);
            default:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.Root;
                    return true;
                }

                return FileEntry(ref reader);
        }
    }

    private bool RootProperty(ref Utf8JsonReader reader)
    {
        var name = reader.GetString();
        if (!reader.Read())
        {
            return false;
        }

        if (name == "files" && reader.TokenType == JsonTokenType.StartArray)
        {
            Fields.FilesKeys++;
            Fields.FilesIsArray = true;
            _sink.Restart();
            _phase = Phase.Files;
            return true;
        }

        if (name == "source" && reader.TokenType == JsonTokenType.StartObject)
        {
            var probe = reader;
            if (!probe.TrySkip())
            {
                return false;
            }

            Fields.Source = ReadSource(ref reader);
            return true;
        }

        // Any other value is read for what it is, then passed over whole (nothing changes until all of it is there).
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        int? number = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;
        if (!reader.TrySkip())
        {
            return false;
        }

        switch (name)
        {
            case "format":
                Fields.Format = text;
                break;
            case "version":
                Fields.HasVersion = true;
                Fields.Version = number;
                break;
            case "id":
                Fields.Id = text;
                break;
            case "created":
                Fields.Created = text;
                break;
            case "tool":
                Fields.Tool = text;
                break;
            case "naming":
                Fields.Naming = text;
                break;
            case "hashLength":
                Fields.HasHashLength = true;
                Fields.HashLength = number;
                break;
            case "source":
                Fields.Source = null;
                break;
            case "files":
                Fields.FilesKeys++;
                Fields.FilesIsArray = false;
                _sink.Restart();
                break;
        }

        return true;
    }

    private bool FileEntry(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // Not an object: an entry without any of its fields.
            if (!reader.TrySkip())
            {
                return false;
            }

            _sink.Add(Fields, null, null, null, null);
            return true;
        }

        var probe = reader;
        if (!probe.TrySkip())
        {
            return false;
        }

        string? path = null, remotePath = null, sha256 = null;
        long? size = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Compared as UTF-8: no string per key of 200 000 entries.
            var key = reader.ValueTextEquals("path"u8) ? 1 : reader.ValueTextEquals("remotePath"u8) ? 2 : reader.ValueTextEquals("sha256"u8) ? 3 : reader.ValueTextEquals("size"u8) ? 4 : 0;
            reader.Read();
            switch (key)
            {
                case 1:
                    path = StringOf(ref reader);
                    break;
                case 2:
                    remotePath = StringOf(ref reader);
                    break;
                case 3:
                    sha256 = StringOf(ref reader);
                    break;
                case 4:
                    size = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
                    break;
            }

            SkipWhole(ref reader);
        }

        _sink.Add(Fields, path, remotePath, sha256, size);
        return true;
    }

    /// <summary>The <c>source</c> object, whole in the buffer.</summary>
    private static ReleaseSource? ReadSource(ref Utf8JsonReader reader)
    {
        string? project = null, configuration = null, commit = null, ci = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "project":
                    project = StringOf(ref reader);
                    break;
                case "configuration":
                    configuration = StringOf(ref reader);
                    break;
                case "commit":
                    commit = StringOf(ref reader);
                    break;
                case "ci":
                    ci = StringOf(ref reader);
                    break;
            }

            SkipWhole(ref reader);
        }

        var source = new ReleaseSource { Project = project, Configuration = configuration, Commit = commit, Ci = ci };
        return source.IsEmpty ? null : source;
    }

    /// <summary>Passes over the current value, which the caller knows to be all there (<c>Skip</c> refuses a partial buffer).</summary>
    private static void SkipWhole(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new InvalidOperationException("A value checked to be complete was cut off.");
        }
    }

    private static string? StringOf(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
}
