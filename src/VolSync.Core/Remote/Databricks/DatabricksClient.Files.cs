using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

// Files API: /api/2.0/fs/files and /api/2.0/fs/directories.
public sealed partial class DatabricksClient
{
    private const string FilesPrefix = "/api/2.0/fs/files";
    private const string DirectoriesPrefix = "/api/2.0/fs/directories";

    public async IAsyncEnumerable<RemoteEntry> ListDirectoryAsync(string directoryPath, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(directoryPath);
        var pageSize = Math.Clamp(Options.ListPageSize, 1, 1000);
        var baseQuery = DirectoriesPrefix + PathEscaper.EscapePath(directoryPath) + "?page_size=" + pageSize.ToString(CultureInfo.InvariantCulture);
        var guard = new PaginationGuard("list directory", directoryPath, Options.MaxEmptyPagesInARow);
        string? pageToken = null;
        bool more;
        do
        {
            var query = pageToken is null ? baseQuery : baseQuery + "&page_token=" + Uri.EscapeDataString(pageToken);
            var page = await ListPageAsync(directoryPath, query, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                // Nothing there yet is not an error: the first sync into a fresh path lists a missing directory.
                yield break;
            }

            // An empty page with a token is not the end: only the token decides, within the guard's limits.
            more = guard.Continue(page.Entries.Count, page.NextPageToken);
            foreach (var entry in page.Entries)
            {
                yield return entry;
            }

            pageToken = page.NextPageToken;
        }
        while (more);
    }

    private async Task<ListingPage?> ListPageAsync(string directoryPath, string pathAndQuery, CancellationToken cancellationToken)
    {
        const string operation = "list directory";
        ListingPage? page = null;
        var request = new ApiRequest(operation, directoryPath, HttpMethod.Get, pathAndQuery)
        {
            AcceptStatus = HttpStatusCode.NotFound,
            // Read as it arrives, within the attempt: a page is never buffered whole, and a cut mid-body is retried.
            Completion = HttpCompletionOption.ResponseHeadersRead,
            ReadSuccessBody = async (response, ct) =>
            {
                try
                {
                    page = await ListingPage.ReadAsync(response.Content, directoryPath, ct).ConfigureAwait(false);
                }
                catch (JsonException ex)
                {
                    throw NotJson(response, operation, directoryPath, ex);
                }
            },
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : page;
    }

    /// <summary>Uploads with <see cref="DatabricksClientOptions.MultipartThreshold"/>: one PUT, or parts for large files.</summary>
    public Task UploadAsync(string filePath, Func<CancellationToken, ValueTask<Stream>> openContent, long length, bool overwrite, CancellationToken cancellationToken = default) =>
        UploadAsync(filePath, openContent, length, new UploadOptions { Overwrite = overwrite, MultipartThreshold = Options.MultipartThreshold }, cancellationToken);

    /// <summary>One streamed PUT, holding one of <paramref name="slots"/> while it runs.</summary>
    internal async Task PutFileAsync(string filePath, Func<CancellationToken, ValueTask<Stream>> openContent, long length, bool overwrite, UploadSlots slots, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > MaxSinglePutBytes)
        {
            throw DiagnosticCodes.RemoteFileTooLarge.ToException(filePath, length);
        }

        EnsureNamesFit(filePath);
        using var slot = await slots.AcquireAsync(0, cancellationToken).ConfigureAwait(false);

        // No HEAD on the parent and none on the file: the PUT creates missing parents, and overwrite=false
        // answers 409 by itself.
        var pathAndQuery = FilesPrefix + PathEscaper.EscapePath(filePath) + (overwrite ? "?overwrite=true" : "?overwrite=false");
        var request = new ApiRequest("upload", filePath, HttpMethod.Put, pathAndQuery)
        {
            Accept = null,
            CreateContent = async attempt =>
            {
                var source = await openContent(attempt.Token).ConfigureAwait(false);
                return new StreamingUploadContent(source, length, filePath, attempt.Touch);
            },
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The file's size and times (<c>HEAD</c>), or null when there is no file at <paramref name="filePath"/>.</summary>
    public async Task<RemoteFileMetadata?> GetFileMetadataAsync(string filePath, CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(filePath);
        var request = new ApiRequest("get file metadata", filePath, HttpMethod.Head, FilesPrefix + PathEscaper.EscapePath(filePath))
        {
            Accept = null,
            AcceptStatus = HttpStatusCode.NotFound,
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var headers = response.Content.Headers;
        return new RemoteFileMetadata(filePath, headers.ContentLength ?? 0, headers.LastModified, headers.ContentType?.MediaType);
    }

    /// <summary>Downloads a file. The stream reads from the network; dispose it to release the connection.</summary>
    public async Task<Stream> OpenReadAsync(string filePath, CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(filePath);
        var request = new ApiRequest("download", filePath, HttpMethod.Get, FilesPrefix + PathEscaper.EscapePath(filePath))
        {
            Accept = "application/octet-stream",
            Completion = HttpCompletionOption.ResponseHeadersRead,
        };
        // The body is read after this returns, so the request keeps its slot until the stream is disposed.
        var (response, slot) = await SendHoldingSlotAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ResponseStream(response, body, filePath, Options.InactivityTimeout, slot);
        }
        catch
        {
            response.Dispose();
            slot.Dispose();
            throw;
        }
    }

    public async Task DeleteFileAsync(string filePath, CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(filePath);
        var request = new ApiRequest("delete file", filePath, HttpMethod.Delete, FilesPrefix + PathEscaper.EscapePath(filePath));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the directory and its missing parents (like <c>mkdir -p</c>); an existing directory is fine.</summary>
    public async Task CreateDirectoryAsync(string directoryPath, CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(directoryPath);
        var request = new ApiRequest("create directory", directoryPath, HttpMethod.Put, DirectoriesPrefix + PathEscaper.EscapePath(directoryPath))
        {
            CreateContent = _ => new ValueTask<HttpContent>(new ByteArrayContent([])),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an empty directory (the API refuses non-empty ones with 400).</summary>
    public async Task DeleteDirectoryAsync(string directoryPath, CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(directoryPath);
        var request = new ApiRequest("delete directory", directoryPath, HttpMethod.Delete, DirectoriesPrefix + PathEscaper.EscapePath(directoryPath));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses a path with a name the storage behind volumes cannot hold, before anything is sent: the service does not
    /// answer such an upload with a clear error, and a client that only sees a dropped connection retries it for minutes.
    /// </summary>
    private static void EnsureNamesFit(string remotePath)
    {
        foreach (var segment in remotePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.UTF8.GetByteCount(segment);
            if (bytes > MaxNameBytes)
            {
                throw DiagnosticCodes.RemoteNameTooLong.ToException(remotePath, bytes, Abbreviate(segment));
            }
        }
    }

    /// <summary>The start and end of a long name, never cutting a surrogate pair.</summary>
    private static string Abbreviate(string name)
    {
        if (name.Length <= 40)
        {
            return name;
        }

        var head = char.IsHighSurrogate(name[19]) ? 19 : 20;
        var tail = char.IsLowSurrogate(name[^12]) ? 11 : 12;
        return string.Concat(name.AsSpan(0, head), "…", name.AsSpan(name.Length - tail));
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string operation, string path, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw NotJson(response, operation, path, ex);
        }
    }

    private static DatabricksApiException NotJson(HttpResponseMessage response, string operation, string path, JsonException ex)
    {
        var message = DiagnosticCodes.RemoteUnexpectedResponse.Format(operation, path, "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + ", body is not JSON");
        return new DatabricksApiException(DiagnosticCodes.RemoteUnexpectedResponse.Code, message, operation, path, response.StatusCode, innerException: ex);
    }
}
