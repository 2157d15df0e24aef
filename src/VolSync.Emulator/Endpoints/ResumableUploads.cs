using System.Globalization;
using System.Text.RegularExpressions;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Hosting;
using VolSync.Emulator.Storage;

namespace VolSync.Emulator.Endpoints;

/// <summary>
/// GCS resumable uploads: <c>PUT</c> with <c>Content-Range: bytes S-E/*</c> appends a chunk (every chunk but the
/// last a multiple of 256 KiB) and answers 308 with <c>Range: bytes=0-N</c>; <c>bytes S-E/T</c> is the last chunk,
/// after which the file is assembled (412 when it exists and overwriting was not allowed); <c>bytes */*</c> asks how
/// much is stored. A chunk that breaks off stores nothing, so the client resends it whole or from the Range.
/// </summary>
internal static partial class ResumableUploads
{
    public static async Task PutAsync(HttpContext context, UploadSessionStore sessions, UploadSession session)
    {
        if (session.Kind != MultipartMode.Gcp)
        {
            throw CloudError.InvalidRequest("This upload takes parts, not a resumable upload.");
        }

        var range = ParseRange(context.Request.Headers.ContentRange.ToString());
        await session.Gate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            if (session.Finished)
            {
                await WriteFinishedAsync(context, session).ConfigureAwait(false);
                return;
            }

            if (range.First is null)
            {
                Answer308(context, session);
                return;
            }

            await AppendAsync(context, session, range).ConfigureAwait(false);
            if (range.Total is { } total && session.Stored == total)
            {
                await FinishAsync(context, sessions, session).ConfigureAwait(false);
                await WriteFinishedAsync(context, session).ConfigureAwait(false);
                return;
            }

            Answer308(context, session);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private static async Task AppendAsync(HttpContext context, UploadSession session, ContentRange range)
    {
        var (first, last) = (range.First!.Value, range.Last!.Value);
        var length = last - first + 1;
        if (context.Request.ContentLength != length)
        {
            throw CloudError.InvalidRequest(string.Create(CultureInfo.InvariantCulture, $"Content-Range names {length} bytes but Content-Length is {context.Request.ContentLength}."));
        }

        if (first > session.Stored)
        {
            throw CloudError.InvalidRequest(string.Create(CultureInfo.InvariantCulture, $"The chunk starts at byte {first}, but only {session.Stored} bytes are stored: resume from there."));
        }

        if (range.Total is { } total ? last + 1 != total : length % CloudStorageEndpoints.ResumableGranule != 0)
        {
            throw CloudError.InvalidRequest("Every chunk but the last must be a multiple of 262144 bytes, and the last must end at the total size.");
        }

        // Bytes the storage already has (a chunk sent again after an unanswered try) are read and dropped.
        var skip = session.Stored - first;
        var buffer = new byte[1 << 20];
        var stream = new FileStream(session.DataFile, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var kept = session.Stored;
            stream.Position = kept;
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    var from = (int)Math.Min(read, Math.Max(0, skip));
                    skip -= from;
                    await stream.WriteAsync(buffer.AsMemory(from, read - from), context.RequestAborted).ConfigureAwait(false);
                }

                await stream.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                session.Stored = Math.Max(kept, last + 1);
            }
            catch
            {
                stream.SetLength(kept);
                throw;
            }
        }
    }

    private static async Task FinishAsync(HttpContext context, UploadSessionStore sessions, UploadSession session)
    {
        var store = context.RequestServices.GetRequiredService<VolumeFileStore>();
        try
        {
            await store.CommitAsync(session.Path, session.Overwrite, async (target, ct) =>
            {
                var source = new FileStream(session.DataFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
                await using (source.ConfigureAwait(false))
                {
                    await source.CopyToAsync(target, 1 << 20, ct).ConfigureAwait(false);
                }
            }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ApiError error) when (error.Reason == "FILES_API_FILE_ALREADY_EXISTS")
        {
            // GCS answers a write that must not replace an object with 412.
            throw new CloudError(StatusCodes.Status412PreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold.");
        }

        sessions.Close(session, keepAnswering: true);
    }

    private static Task WriteFinishedAsync(HttpContext context, UploadSession session) =>
        EmulatorJson.WriteAsync(context, new { name = session.Path.Display, size = session.Stored.ToString(CultureInfo.InvariantCulture) });

    private static void Answer308(HttpContext context, UploadSession session)
    {
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        if (session.Stored > 0)
        {
            context.Response.Headers["Range"] = string.Create(CultureInfo.InvariantCulture, $"bytes=0-{session.Stored - 1}");
        }

        context.Response.ContentLength = 0;
    }

    private static ContentRange ParseRange(string header)
    {
        var match = ContentRangeRegex().Match(header);
        if (!match.Success)
        {
            throw CloudError.InvalidRequest($"Content-Range '{header}' is not 'bytes S-E/T', 'bytes S-E/*' or 'bytes */*'.");
        }

        long? Number(Group group) => group.Success ? long.Parse(group.Value, CultureInfo.InvariantCulture) : null;
        var range = new ContentRange(Number(match.Groups["first"]), Number(match.Groups["last"]), Number(match.Groups["total"]));
        if (range.First > range.Last)
        {
            throw CloudError.InvalidRequest($"Content-Range '{header}' ends before it starts.");
        }

        return range;
    }

    [GeneratedRegex(@"^bytes (?:(?<first>\d+)-(?<last>\d+)|\*)/(?:(?<total>\d+)|\*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ContentRangeRegex();

    private sealed record ContentRange(long? First, long? Last, long? Total);
}
