using System.Globalization;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Hosting;
using VolSync.Emulator.Storage;

namespace VolSync.Emulator.Endpoints;

/// <summary>
/// The Files API side of large uploads: <c>?action=initiate-upload</c> and <c>?action=complete-upload</c> on
/// <c>/api/2.0/fs/files{path}</c>, and the calls that mint presigned URLs for parts, aborts and resumable uploads.
/// The bytes themselves go to the cloud listener (<see cref="CloudStorageEndpoints"/>).
/// </summary>
internal static class MultipartEndpoints
{
    /// <summary>S3's limits, which the Files API passes on: parts 1–10 000, every part but the last at least 5 MiB.</summary>
    public const int MaxPartNumber = 10_000;
    public const long MinPartSize = 5L * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/2.0/fs/create-upload-part-urls", CreatePartUrlsAsync);
        app.MapPost("/api/2.0/fs/create-abort-upload-url", CreateAbortUrlAsync);
        app.MapPost("/api/2.0/fs/create-resumable-upload-url", CreateResumableUrlAsync);
    }

    /// <summary>A POST on a file: the upload actions. Anything else is not an API.</summary>
    public static Task HandleFileActionAsync(HttpContext context, VolumePath path) => context.Request.Query["action"].ToString() switch
    {
        "initiate-upload" => InitiateAsync(context, path),
        "complete-upload" => CompleteAsync(context, path),
        _ => throw ApiError.NotImplemented(context.Request.Method, RequestPaths.Decoded(context)),
    };

    private static async Task InitiateAsync(HttpContext context, VolumePath path)
    {
        var overwrite = FilesEndpoints.ParseOverwrite(context.Request.Query["overwrite"]);
        var store = context.RequestServices.GetRequiredService<VolumeFileStore>();
        if (path.IsVolumeRoot || Directory.Exists(store.Resolve(path)))
        {
            throw ApiError.AlreadyExists($"The path '{path.Display}' is an existing directory; a file cannot be written there.", "FILES_API_PATH_IS_A_DIRECTORY");
        }

        // overwrite=false is checked when the upload completes, as the real service does: after every byte was sent.
        var kind = Options(context).Multipart == MultipartMode.Gcp ? MultipartMode.Gcp : MultipartMode.Aws;
        var session = Sessions(context).Open(path, overwrite, kind);
        var token = new SessionInfo(session.Token);
        await EmulatorJson.WriteAsync(context, kind == MultipartMode.Gcp ? new InitiateResponse(null, token) : new InitiateResponse(token, null)).ConfigureAwait(false);
    }

    private static async Task CompleteAsync(HttpContext context, VolumePath path)
    {
        if (context.Request.Query["upload_type"] != "multipart")
        {
            throw ApiError.InvalidParameter("complete-upload needs upload_type=multipart.");
        }

        var session = Sessions(context).Get(context.Request.Query["session_token"], path);
        if (session.Kind != MultipartMode.Aws)
        {
            throw ApiError.InvalidParameter("This upload session is resumable: it completes with its last chunk.", "FILES_API_INVALID_SESSION_TOKEN");
        }

        var request = await EmulatorJson.ReadAsync<CompleteRequest>(context).ConfigureAwait(false);
        await session.Gate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            var listed = request.Parts ?? [];
            var parts = CheckParts(session, listed);
            var store = context.RequestServices.GetRequiredService<VolumeFileStore>();
            if (InSlabOrder(session, listed, parts))
            {
                await FinishSlabAsync(session, parts, context.RequestAborted).ConfigureAwait(false);
                store.CommitFile(session.Path, session.Overwrite, session.SlabFile);
            }
            else
            {
                await store.CommitAsync(session.Path, session.Overwrite, (target, ct) => CopyPartsAsync(parts, target, ct), context.RequestAborted).ConfigureAwait(false);
            }

            Sessions(context).Close(session);
        }
        finally
        {
            session.Gate.Release();
        }

        await EmulatorJson.WriteAsync(context, new { }).ConfigureAwait(false);
    }

    /// <summary>As S3 checks a completion: parts in ascending order, each uploaded with that ETag, all but the last ≥ 5 MiB.</summary>
    private static List<StoredPart> CheckParts(UploadSession session, List<CompletedPart> listed)
    {
        if (listed.Count == 0)
        {
            throw ApiError.InvalidParameter("complete-upload needs at least one part.", "FILES_API_INVALID_PARTS");
        }

        var parts = new List<StoredPart>(listed.Count);
        var previous = 0;
        foreach (var entry in listed)
        {
            var number = entry.PartNumber ?? 0;
            if (number <= previous)
            {
                throw ApiError.InvalidParameter("The list of parts was not in ascending order: parts must be listed by part number, each once.", "FILES_API_INVALID_PART_ORDER");
            }

            previous = number;
            if (!session.Parts.TryGetValue(number, out var stored) || !string.Equals(stored.ETag, entry.Etag, StringComparison.Ordinal))
            {
                throw ApiError.InvalidParameter(
                    string.Create(CultureInfo.InvariantCulture, $"Part {number} was not uploaded, or its ETag does not match: the ETag must be sent exactly as the storage returned it."),
                    "FILES_API_INVALID_PART");
            }

            parts.Add(stored);
        }

        for (var i = 0; i < parts.Count - 1; i++)
        {
            if (parts[i].Size < MinPartSize)
            {
                throw ApiError.InvalidParameter(
                    string.Create(CultureInfo.InvariantCulture, $"Part {listed[i].PartNumber} is {parts[i].Size} bytes: every part but the last must be at least 5 MiB."),
                    "FILES_API_ENTITY_TOO_SMALL");
            }
        }

        return parts;
    }

    /// <summary>Parts 1..n listed, every one but the last at its final offset in the slab: the slab is the file.</summary>
    private static bool InSlabOrder(UploadSession session, List<CompletedPart> listed, List<StoredPart> parts)
    {
        if (session.SlabPartSize is not { } size)
        {
            return false;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var inPlace = parts[i].File == session.SlabFile && parts[i].Offset == i * size && parts[i].Size == size;
            var last = i == parts.Count - 1;
            if (listed[i].PartNumber != i + 1 || !(inPlace || (last && parts[i].Size <= size && parts[i].File != session.SlabFile)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Appends a last part that had a file of its own, cuts the slab to the file's length and flushes it.</summary>
    private static async Task FinishSlabAsync(UploadSession session, List<StoredPart> parts, CancellationToken ct)
    {
        var slab = new FileStream(session.SlabFile, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, 1 << 20, useAsync: true);
        await using (slab.ConfigureAwait(false))
        {
            var last = parts[^1];
            var end = ((parts.Count - 1) * session.SlabPartSize!.Value) + last.Size;
            if (last.File != session.SlabFile)
            {
                slab.Position = end - last.Size;
                await CopyPartsAsync([last], slab, ct).ConfigureAwait(false);
            }

            slab.SetLength(end);
            slab.Flush(flushToDisk: true);
        }
    }

    private static async Task CopyPartsAsync(IEnumerable<StoredPart> parts, Stream target, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        foreach (var part in parts)
        {
            var source = new FileStream(part.File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, useAsync: true);
            await using (source.ConfigureAwait(false))
            {
                source.Position = part.Offset;
                for (var left = part.Size; left > 0;)
                {
                    var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw ApiError.Internal("A stored part is shorter than when it was uploaded.");
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    left -= read;
                }
            }
        }
    }

    private static async Task CreatePartUrlsAsync(HttpContext context)
    {
        var request = await EmulatorJson.ReadAsync<PartUrlsRequest>(context).ConfigureAwait(false);
        var session = SessionOf(context, request.Path, request.SessionToken);
        if (session.Kind != MultipartMode.Aws)
        {
            throw ApiError.InvalidParameter("This upload session is resumable: ask for create-resumable-upload-url instead.", "FILES_API_INVALID_SESSION_TOKEN");
        }

        var start = request.StartPartNumber ?? 0;
        var count = request.Count ?? 0;
        if (start < 1 || count < 1 || start + count - 1 > MaxPartNumber)
        {
            throw ApiError.InvalidParameter(
                string.Create(CultureInfo.InvariantCulture, $"start_part_number {start} and count {count} must name parts from 1 to {MaxPartNumber}."));
        }

        var expires = ParseExpiry(request.ExpireTime);
        var urls = Enumerable.Range(start, count).Select(part => new PartUrl(
            Signer(context).Create(Cloud(context), "PUT", CloudStorageEndpoints.PartPath(session.Token, part), expires).ToString(),
            part,
            [new Header("Content-Type", "application/octet-stream"), new Header(UploadSession.SignedHeader, session.SignedHeaderValue)])).ToList();
        await EmulatorJson.WriteAsync(context, new { upload_part_urls = urls }).ConfigureAwait(false);
    }

    private static async Task CreateAbortUrlAsync(HttpContext context)
    {
        var request = await EmulatorJson.ReadAsync<PartUrlsRequest>(context).ConfigureAwait(false);
        var session = SessionOf(context, request.Path, request.SessionToken);
        var url = Signer(context).Create(Cloud(context), "DELETE", CloudStorageEndpoints.AbortPath(session.Token), ParseExpiry(request.ExpireTime));
        await EmulatorJson.WriteAsync(context, new { abort_upload_url = new SignedUrl(url.ToString(), []) }).ConfigureAwait(false);
    }

    private static async Task CreateResumableUrlAsync(HttpContext context)
    {
        var request = await EmulatorJson.ReadAsync<PartUrlsRequest>(context).ConfigureAwait(false);
        var session = SessionOf(context, request.Path, request.SessionToken);
        if (session.Kind != MultipartMode.Gcp)
        {
            throw ApiError.InvalidParameter("This upload session takes parts: ask for create-upload-part-urls instead.", "FILES_API_INVALID_SESSION_TOKEN");
        }

        // A resumable session lives a week on GCS; its URL is signed for as long.
        var path = CloudStorageEndpoints.ResumablePath(session.Token);
        var url = Signer(context).Create(Cloud(context), "*", path, DateTimeOffset.UtcNow.AddDays(7));
        await EmulatorJson.WriteAsync(context, new { resumable_upload_url = new SignedUrl(url.ToString(), []) }).ConfigureAwait(false);
    }

    /// <summary>The session a URL request names, refused as a workspace without presigned URLs refuses it.</summary>
    private static UploadSession SessionOf(HttpContext context, string? path, string? token)
    {
        var volumePath = VolumePath.Parse(path ?? throw ApiError.InvalidParameter("The request needs a path."));
        var session = Sessions(context).Get(token, volumePath);
        if (Options(context).Multipart == MultipartMode.Off)
        {
            throw ApiError.PresignedUrlsDisabled();
        }

        return session;
    }

    private static DateTimeOffset ParseExpiry(string? text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expires))
        {
            throw ApiError.InvalidParameter($"expire_time '{text}' is not a time such as 2025-01-31T12:00:00Z.");
        }

        var now = DateTimeOffset.UtcNow;
        if (expires <= now || expires > now.AddDays(7))
        {
            throw ApiError.InvalidParameter($"expire_time '{text}' must be in the future and at most 7 days ahead.");
        }

        return expires;
    }

    private static EmulatorOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<EmulatorOptions>();

    private static UploadSessionStore Sessions(HttpContext context) => context.RequestServices.GetRequiredService<UploadSessionStore>();

    private static UrlSigner Signer(HttpContext context) => context.RequestServices.GetRequiredService<UrlSigner>();

    private static Uri Cloud(HttpContext context) =>
        context.RequestServices.GetRequiredService<CloudListener>().BaseUri ?? throw ApiError.Internal("The cloud storage listener is not running.");

    private sealed record SessionInfo(string SessionToken);

    private sealed record InitiateResponse(SessionInfo? MultipartUpload, SessionInfo? ResumableUpload);

    private sealed record Header(string Name, string Value);

    private sealed record PartUrl(string Url, int PartNumber, List<Header> Headers);

    private sealed record SignedUrl(string Url, List<Header> Headers);

    private sealed class PartUrlsRequest
    {
        public string? Path { get; set; }

        public string? SessionToken { get; set; }

        public int? StartPartNumber { get; set; }

        public int? Count { get; set; }

        public string? ExpireTime { get; set; }
    }

    private sealed class CompleteRequest
    {
        public List<CompletedPart>? Parts { get; set; }
    }

    private sealed class CompletedPart
    {
        public int? PartNumber { get; set; }

        public string? Etag { get; set; }
    }
}
