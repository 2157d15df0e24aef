using System.Globalization;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Faults;
using VolSync.Emulator.Hosting;
using VolSync.Emulator.Storage;

namespace VolSync.Emulator.Endpoints;

/// <summary>
/// The stand-in cloud storage behind presigned URLs, on its own listener: part PUTs (answered with an opaque
/// quoted ETag), the abort DELETE, and GCS-style resumable uploads. No bearer token is asked for: the URL's
/// signature is the authorisation. Scripted faults apply; errors are XML.
/// </summary>
internal static class CloudStorageEndpoints
{
    /// <summary>Every chunk of a resumable upload but the last must be a multiple of 256 KiB, as GCS requires.</summary>
    public const int ResumableGranule = 256 * 1024;

    private const long MaxPartSize = 5L * 1024 * 1024 * 1024;
    private const int CopyBufferSize = 1 << 20;

    public static string PartPath(string token, int part) => string.Create(CultureInfo.InvariantCulture, $"/cloud/upload/{token}/part-{part}");

    public static string AbortPath(string token) => $"/cloud/abort/{token}";

    public static string ResumablePath(string token) => $"/cloud/resumable/{token}";

    public static async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = RequestPaths.RawPath(context);
        if (context.RequestServices.GetRequiredService<EmulatorOptions>().LatencyMs is > 0 and var latency)
        {
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        }

        if (context.RequestServices.GetRequiredService<FaultScript>().Take(method, path) is { } fault && await ApplyAsync(context, fault).ConfigureAwait(false))
        {
            return;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || segments[0] != "cloud")
        {
            throw new CloudError(StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.");
        }

        var signed = segments[1] == "resumable" ? "*" : method;
        switch (Signer(context).Verify(signed, path, context.Request.Query["expires"], context.Request.Query["signature"]))
        {
            case SignatureCheck.Invalid:
                throw CloudError.SignatureMismatch();
            case SignatureCheck.Expired:
                throw CloudError.Expired();
        }

        var sessions = context.RequestServices.GetRequiredService<UploadSessionStore>();
        if (!sessions.TryGet(segments[2], out var session))
        {
            throw CloudError.NoSuchUpload();
        }

        switch (segments[1])
        {
            case "upload" when HttpMethods.IsPut(method) && segments.Length == 4 && segments[3].StartsWith("part-", StringComparison.Ordinal)
                && int.TryParse(segments[3]["part-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var part):
                await PutPartAsync(context, sessions, session, part).ConfigureAwait(false);
                break;
            case "abort" when HttpMethods.IsDelete(method):
                sessions.Close(session);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case "resumable" when HttpMethods.IsPut(method):
                await ResumableUploads.PutAsync(context, sessions, session).ConfigureAwait(false);
                break;
            case "resumable" when HttpMethods.IsDelete(method):
                sessions.Close(session);
                // GCS answers a cancelled resumable upload with 499.
                context.Response.StatusCode = 499;
                break;
            default:
                throw new CloudError(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", $"The method {method} is not allowed against this resource.");
        }
    }

    /// <summary>A scripted fault: true when it answered the request; a dropped body lets the request run until it breaks.</summary>
    private static async Task<bool> ApplyAsync(HttpContext context, FaultKind fault)
    {
        switch (fault)
        {
            case FaultKind.Drop:
                var limit = (context.Request.ContentLength ?? 0) / 2;
                if (limit == 0)
                {
                    FaultMiddleware.Cut(context);
                    return true;
                }

                context.Request.Body = new DroppingRequestStream(context.Request.Body, context, limit);
                return false;
            case FaultKind.Stall:
                await FaultMiddleware.StallAsync(context).ConfigureAwait(false);
                return true;
            default:
                await CloudError.FromFault(fault).WriteAsync(context).ConfigureAwait(false);
                return true;
        }
    }

    private static async Task PutPartAsync(HttpContext context, UploadSessionStore sessions, UploadSession session, int part)
    {
        if (session.Kind != MultipartMode.Aws || part is < 1 or > MultipartEndpoints.MaxPartNumber)
        {
            throw CloudError.InvalidRequest(string.Create(CultureInfo.InvariantCulture, $"Part number {part} is not valid for this upload."));
        }

        if (context.Request.Headers[UploadSession.SignedHeader] != session.SignedHeaderValue)
        {
            // The URL was signed together with this header, as real presigned URLs sign theirs.
            throw CloudError.SignatureMismatch();
        }

        if (context.Request.ContentLength is not { } length)
        {
            throw CloudError.MissingContentLength();
        }

        if (length > MaxPartSize)
        {
            throw new CloudError(StatusCodes.Status400BadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.");
        }

        // The first upload of a part of the slab's size goes straight to its final offset; anything else (a
        // different size, a part sent again while its earlier upload stands) to a file of its own.
        var inSlab = session.ClaimSlabPartSize(length) == length
            && !(session.Parts.TryGetValue(part, out var standing) && standing.File == session.SlabFile);
        var file = inSlab ? session.SlabFile : Path.Combine(session.Folder, string.Create(CultureInfo.InvariantCulture, $"part-{part:D5}-{Guid.NewGuid():N}"));
        var offset = inSlab ? (part - 1) * length : 0;
        try
        {
            await WritePartAsync(context.Request.Body, file, offset, length, shared: inSlab, context.RequestAborted).ConfigureAwait(false);
        }
        catch (DirectoryNotFoundException)
        {
            // Aborted or completed while this part was on its way.
            throw CloudError.NoSuchUpload();
        }
        catch
        {
            if (!inSlab)
            {
                TryDelete(file);
            }

            throw;
        }

        var stored = new StoredPart(file, offset, length, "\"" + Guid.NewGuid().ToString("N") + "\"");
        StoredPart? replaced = null;
        session.Parts.AddOrUpdate(part, stored, (_, old) =>
        {
            replaced = old;
            return stored;
        });
        if (replaced is not null && replaced.File != file && replaced.File != session.SlabFile)
        {
            TryDelete(replaced.File);
        }

        if (!sessions.TryGet(session.Token, out _))
        {
            throw CloudError.NoSuchUpload();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.ETag = stored.ETag;
        context.Response.ContentLength = 0;
    }

    /// <summary>Stores a part's bytes at <paramref name="offset"/> of <paramref name="file"/> (the slab is written by many parts at once).</summary>
    private static async Task WritePartAsync(Stream body, string file, long offset, long length, bool shared, CancellationToken ct)
    {
        var buffer = new byte[CopyBufferSize];
        long written = 0;
        using (var handle = File.OpenHandle(file, shared ? FileMode.OpenOrCreate : FileMode.CreateNew, FileAccess.Write, shared ? FileShare.ReadWrite : FileShare.None, FileOptions.Asynchronous))
        {
            int read;
            while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                if (written + read > length)
                {
                    break;
                }

                await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, read), offset + written, ct).ConfigureAwait(false);
                written += read;
            }
        }

        if (written != length)
        {
            throw new CloudError(StatusCodes.Status400BadRequest, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
        }
    }

    private static UrlSigner Signer(HttpContext context) => context.RequestServices.GetRequiredService<UrlSigner>();

    internal static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left in the session folder, which is deleted with the session.
        }
    }
}
