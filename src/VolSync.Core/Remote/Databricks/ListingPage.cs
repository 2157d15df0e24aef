using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace VolSync.Remote.Databricks;

/// <summary>
/// One page of a directory listing (<c>GET /api/2.0/fs/directories/...</c>), read from its body with
/// <see cref="Utf8JsonReader"/> straight into entries. The body goes through a pooled buffer, not a new array per
/// page and a <see cref="JsonDocument"/> on top: a 200 000-file sync lists 200 pages of 170 KB each, which as fresh
/// large-object arrays stayed on the heap until a full collection. Tolerant as the services require: booleans and
/// numbers may be missing, int64 may come as strings, unknown keys are ignored.
/// </summary>
internal sealed record ListingPage(List<RemoteEntry> Entries, string? NextPageToken)
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>Reads the page from <paramref name="content"/>. Throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static async Task<ListingPage> ReadAsync(HttpContent content, string directoryPath, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var length = content.Headers.ContentLength is { } announced and > 0 and < int.MaxValue / 2 ? (int)announced + 1 : InitialBuffer;
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var filled = 0;
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        PooledBuffer.Grow(ref buffer, filled);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                }

                return Parse(buffer.AsSpan(0, filled), directoryPath);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public static ListingPage Parse(ReadOnlySpan<byte> json, string directoryPath)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var entries = new List<RemoteEntry>();
        string? nextPageToken = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new ListingPage(entries, null);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.ValueTextEquals("contents"u8) ? 1 : reader.ValueTextEquals("next_page_token"u8) ? 2 : 0;
            reader.Read();
            if (key == 1 && reader.TokenType == JsonTokenType.StartArray)
            {
                // The last of duplicate keys wins, as it does everywhere else.
                entries.Clear();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        entries.Add(ReadEntry(ref reader, directoryPath));
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                if (key == 2)
                {
                    nextPageToken = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (key == 1)
                {
                    entries.Clear();
                }

                reader.Skip();
            }
        }

        // Like a document parse, nothing but whitespace may follow the object.
        if (reader.Read())
        {
            throw new JsonException("The listing has content after its object.");
        }

        return new ListingPage(entries, nextPageToken);
    }

    private static RemoteEntry ReadEntry(ref Utf8JsonReader reader, string directoryPath)
    {
        string? name = null, path = null;
        bool? isDirectory = null;
        long? size = null, modified = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.ValueTextEquals("path"u8) ? 1 : reader.ValueTextEquals("name"u8) ? 2 : reader.ValueTextEquals("is_directory"u8) ? 3 : reader.ValueTextEquals("file_size"u8) ? 4 : reader.ValueTextEquals("last_modified"u8) ? 5 : 0;
            reader.Read();
            switch (key)
            {
                case 1:
                    path = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case 2:
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case 3:
                    isDirectory = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => null,
                    };
                    break;
                case 4:
                    size = Int64(ref reader);
                    break;
                case 5:
                    modified = Int64(ref reader);
                    break;
            }

            reader.Skip();
        }

        if (path is null && name is not null)
        {
            path = directoryPath.TrimEnd('/') + "/" + name;
        }

        path ??= string.Empty;
        name ??= path[(path.TrimEnd('/').LastIndexOf('/') + 1)..].TrimEnd('/');
        var directory = isDirectory ?? false;
        return new RemoteEntry(path, name, directory, directory ? 0 : size ?? 0, modified is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    /// <summary>A number, or a string holding one (the services send int64 as strings); null otherwise.</summary>
    private static long? Int64(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetInt64(out var number) ? number : null,
        JsonTokenType.String => long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        _ => null,
    };
}
