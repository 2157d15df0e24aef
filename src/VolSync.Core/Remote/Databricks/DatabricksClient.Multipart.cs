using System.Globalization;
using System.Net;
using System.Text.Json;
using VolSync.Diagnostics;
using VolSync.Remote.Databricks.Multipart;

namespace VolSync.Remote.Databricks;

// Large files: the route (one PUT or parts) and the Files API calls that open, feed and close an upload session.
// The parts themselves go to presigned cloud-storage URLs (Multipart/), never through SendAsync.
public sealed partial class DatabricksClient
{
    /// <summary>The largest file in parts: S3 and GCS objects stop at 5 TiB.</summary>
    public const long MaxMultipartBytes = 5L * 1024 * 1024 * 1024 * 1024;

    /// <summary>
    /// One PUT below the threshold, parts at or above it (and always above the 5000 MiB single-PUT limit). Throws
    /// VOLSYNC2050 for a file over that limit with multipart off, VOLSYNC2452 for one over <see cref="MaxMultipartBytes"/>.
    /// </summary>
    public UploadRoute PlanUpload(string filePath, long length, UploadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (options.MultipartThreshold is not { } threshold)
        {
            return length > MaxSinglePutBytes ? throw DiagnosticCodes.RemoteFileTooLarge.ToException(filePath, length) : UploadRoute.SinglePut;
        }

        if (length == 0 || (length < threshold && length <= MaxSinglePutBytes))
        {
            return UploadRoute.SinglePut;
        }

        if (length > MaxMultipartBytes)
        {
            throw DiagnosticCodes.FileTooLargeForAnyRoute.ToException(filePath, length.ToString("N0", CultureInfo.InvariantCulture), MaxMultipartBytes.ToString("N0", CultureInfo.InvariantCulture));
        }

        var layout = PartLayout.For(length, Options.MultipartPartSize);
        return new UploadRoute(UploadMethod.Multipart, layout.PartSize, layout.Count);
    }

    /// <summary>
    /// Uploads as <see cref="PlanUpload"/> decides: one streamed PUT, or parts to presigned URLs (GCP: a resumable
    /// upload) with the fallback to one PUT when the workspace refuses. Returns the route taken.
    /// </summary>
    public async Task<UploadRoute> UploadAsync(string filePath, Func<CancellationToken, ValueTask<Stream>> openContent, long length, UploadOptions options, CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(filePath);
        ArgumentNullException.ThrowIfNull(openContent);
        EnsureNamesFit(filePath);
        var route = PlanUpload(filePath, length, options);
        if (!route.InParts)
        {
            await PutFileAsync(filePath, openContent, length, options.Overwrite, options.Slots ?? new UploadSlots(1), cancellationToken).ConfigureAwait(false);
            return route;
        }

        var upload = new LargeFileUpload(
            this,
            _cloud,
            filePath,
            openContent,
            length,
            options.Overwrite,
            options.Slots ?? new UploadSlots(Math.Max(1, Options.MultipartConcurrency)),
            PartLayout.For(length, Options.MultipartPartSize),
            new PartRetry(Transport.Retry, Options.PartAttempts),
            Transport.Logger);
        return await upload.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    internal TimeSpan StragglerFloor => Options.StragglerFloor;

    /// <summary><c>POST /api/2.0/fs/files{path}?action=initiate-upload</c>: the session and how to send its parts.</summary>
    internal async Task<UploadSession> InitiateUploadAsync(string filePath, bool overwrite, CancellationToken cancellationToken)
    {
        const string operation = "start multipart upload";
        var pathAndQuery = FilesPrefix + PathEscaper.EscapePath(filePath) + "?action=initiate-upload&overwrite=" + (overwrite ? "true" : "false");
        var request = new ApiRequest(operation, filePath, HttpMethod.Post, pathAndQuery)
        {
            CreateContent = _ => new ValueTask<HttpContent>(new ByteArrayContent([])),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, operation, filePath, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("multipart_upload", out var multipart) && Json.GetString(multipart, "session_token") is { Length: > 0 } token)
        {
            return new UploadSession(UploadMethod.Multipart, token);
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("resumable_upload", out var resumable) && Json.GetString(resumable, "session_token") is { Length: > 0 } resumableToken)
        {
            return new UploadSession(UploadMethod.Resumable, resumableToken);
        }

        throw Unexpected(operation, filePath, response.StatusCode, "no multipart_upload or resumable_upload session in it");
    }

    /// <summary><c>POST /api/2.0/fs/create-upload-part-urls</c>: URLs for <paramref name="count"/> parts, valid for an hour.</summary>
    internal async Task<IReadOnlyList<PresignedUrl>> CreateUploadPartUrlsAsync(string filePath, string sessionToken, int startPartNumber, int count, CancellationToken cancellationToken)
    {
        const string operation = "get part upload URLs";
        var body = JsonBody(json =>
        {
            json.WriteString("path", filePath);
            json.WriteString("session_token", sessionToken);
            json.WriteNumber("start_part_number", startPartNumber);
            json.WriteNumber("count", count);
            json.WriteString("expire_time", ExpireTime());
        });
        using var document = await PostJsonAsync(operation, filePath, "/api/2.0/fs/create-upload-part-urls", body, cancellationToken).ConfigureAwait(false);
        var urls = new List<PresignedUrl>();
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("upload_part_urls", out var list)
            && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                urls.Add(PresignedUrl.Parse(item, filePath));
            }
        }

        return urls.Count > 0 ? urls : throw Unexpected(operation, filePath, HttpStatusCode.OK, "no upload_part_urls in it");
    }

    /// <summary><c>POST …?action=complete-upload&amp;upload_type=multipart</c> with every part's ETag, in part order.</summary>
    internal async Task CompleteMultipartUploadAsync(string filePath, string sessionToken, IReadOnlyList<string> etags, CancellationToken cancellationToken)
    {
        const string operation = "complete multipart upload";
        var pathAndQuery = FilesPrefix + PathEscaper.EscapePath(filePath) + "?action=complete-upload&upload_type=multipart&session_token=" + Uri.EscapeDataString(sessionToken);
        var body = JsonBody(json =>
        {
            json.WriteStartArray("parts");
            for (var i = 0; i < etags.Count; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("part_number", i + 1);
                json.WriteString("etag", etags[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
        var request = new ApiRequest(operation, filePath, HttpMethod.Post, pathAndQuery)
        {
            CreateContent = _ => new ValueTask<HttpContent>(JsonContent(body)),
            LoggedPathAndQuery = pathAndQuery[..(pathAndQuery.IndexOf("&session_token=", StringComparison.Ordinal) + "&session_token=".Length)] + "…",
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST /api/2.0/fs/create-abort-upload-url</c>: the URL that discards a multipart session's parts.</summary>
    internal async Task<PresignedUrl> CreateAbortUploadUrlAsync(string filePath, string sessionToken, CancellationToken cancellationToken)
    {
        const string operation = "get abort upload URL";
        var body = JsonBody(json =>
        {
            json.WriteString("path", filePath);
            json.WriteString("session_token", sessionToken);
            json.WriteString("expire_time", ExpireTime());
        });
        using var document = await PostJsonAsync(operation, filePath, "/api/2.0/fs/create-abort-upload-url", body, cancellationToken).ConfigureAwait(false);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("abort_upload_url", out var url)
            ? PresignedUrl.Parse(url, filePath)
            : throw Unexpected(operation, filePath, HttpStatusCode.OK, "no abort_upload_url in it");
    }

    /// <summary><c>POST /api/2.0/fs/create-resumable-upload-url</c>: the one URL a GCP session's chunks go to.</summary>
    internal async Task<PresignedUrl> CreateResumableUploadUrlAsync(string filePath, string sessionToken, CancellationToken cancellationToken)
    {
        const string operation = "get resumable upload URL";
        var body = JsonBody(json =>
        {
            json.WriteString("path", filePath);
            json.WriteString("session_token", sessionToken);
        });
        using var document = await PostJsonAsync(operation, filePath, "/api/2.0/fs/create-resumable-upload-url", body, cancellationToken).ConfigureAwait(false);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("resumable_upload_url", out var url)
            ? PresignedUrl.Parse(url, filePath)
            : throw Unexpected(operation, filePath, HttpStatusCode.OK, "no resumable_upload_url in it");
    }

    internal static DatabricksApiException MissingPartUrl(string filePath, int partNumber) =>
        Unexpected("get part upload URLs", filePath, HttpStatusCode.OK, "no URL for part " + partNumber.ToString(CultureInfo.InvariantCulture));

    private async Task<JsonDocument> PostJsonAsync(string operation, string filePath, string pathAndQuery, byte[] body, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(operation, filePath, HttpMethod.Post, pathAndQuery) { CreateContent = _ => new ValueTask<HttpContent>(JsonContent(body)) };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, operation, filePath, cancellationToken).ConfigureAwait(false);
    }

    private static DatabricksApiException Unexpected(string operation, string filePath, HttpStatusCode status, string what)
    {
        var message = DiagnosticCodes.RemoteUnexpectedResponse.Format(operation, filePath, "HTTP " + ((int)status).ToString(CultureInfo.InvariantCulture) + ", " + what);
        return new DatabricksApiException(DiagnosticCodes.RemoteUnexpectedResponse.Code, message, operation, filePath, status);
    }

    /// <summary>UTC, to the second, an hour ahead, as the SDKs ask for it.</summary>
    private static string ExpireTime() => DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static byte[] JsonBody(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static ByteArrayContent JsonContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }
}
