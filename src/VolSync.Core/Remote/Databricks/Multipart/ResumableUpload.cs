using System.Globalization;
using System.Net;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// GCP's resumable upload: one URL, chunks sent in order with <c>Content-Range: bytes S-E/*</c> (the last with the
/// total), 308 and its <c>Range</c> saying how much is stored. After a failure the stored size is asked for
/// (<c>bytes */*</c>) and the upload resumes from there, from the chunk's buffer. 412 means the file exists and
/// overwriting was not allowed. There is no parallel mode: one chunk, one slot, at a time.
/// </summary>
internal sealed class ResumableUpload(LargeFileUpload upload, UploadSession session) : IPartedUpload
{
    private PresignedUrl? _url;

    public async Task<UploadRoute> RunAsync(CancellationToken cancellationToken)
    {
        var layout = upload.Layout;
        try
        {
            _url = await upload.Client.CreateResumableUploadUrlAsync(upload.FilePath, session.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DatabricksApiException { StatusCode: not null } || (ex is VolSyncException coded && coded.Code == DiagnosticCodes.PresignedUrlRefused.Code))
        {
            throw new MultipartRefusedException(ex);
        }

        var source = await upload.OpenContent(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            long stored = 0;
            for (var chunk = 1; chunk <= layout.Count; chunk++)
            {
                using var slot = await upload.Slots.AcquireAsync((int)layout.PartSize, cancellationToken).ConfigureAwait(false);
                var size = layout.SizeOf(chunk);
                await PartReader.ReadAsync(source, slot.Buffer.AsMemory(0, size), upload.FilePath, upload.Length, layout.Offset(chunk), cancellationToken).ConfigureAwait(false);
                stored = await SendChunkAsync(_url, slot.Buffer, layout.Offset(chunk), size, stored, cancellationToken).ConfigureAwait(false);
            }
        }

        return new UploadRoute(UploadMethod.Resumable, layout.PartSize, layout.Count);
    }

    public async Task AbortAsync(CancellationToken cancellationToken)
    {
        if (_url is null)
        {
            return;
        }

        // GCS answers a cancelled session with 499; any answer will do.
        var response = await upload.Cloud.SendAsync(HttpMethod.Delete, _url, null, "abort", null, cancellationToken).ConfigureAwait(false);
        upload.Logger.Log(SyncLogLevel.Debug, $"Abort of the resumable upload for {upload.FilePath}: {response.Describe()}");
    }

    /// <summary>Sends the rest of one chunk until the storage holds all of it; returns the bytes now stored.</summary>
    private async Task<long> SendChunkAsync(PresignedUrl url, byte[] buffer, long offset, int size, long stored, CancellationToken cancellationToken)
    {
        var last = offset + size == upload.Length;
        var what = "the chunk at byte " + offset.ToString(CultureInfo.InvariantCulture);
        var attempts = upload.Retry.Start(upload.FilePath, what, upload.Logger);
        while (true)
        {
            attempts.Next();
            string failure;
            TimeSpan? retryAfter = null;
            var partly = false;
            try
            {
                var from = (int)Math.Clamp(stored - offset, 0, size);
                var range = string.Create(CultureInfo.InvariantCulture, $"bytes {offset + from}-{offset + size - 1}/{(last ? upload.Length.ToString(CultureInfo.InvariantCulture) : "*")}");
                var response = await upload.Cloud.SendAsync(
                    HttpMethod.Put,
                    url,
                    touch => WithRange(new PartContent(buffer.AsMemory(from, size - from), touch), range),
                    what,
                    null,
                    cancellationToken).ConfigureAwait(false);
                switch (Outcome(response, offset, size, ref stored))
                {
                    case ChunkOutcome.Stored:
                        return stored;
                    case ChunkOutcome.Partly:
                        // The storage kept only part of the chunk: send the rest, a try like any other.
                        failure = "only " + (stored - offset).ToString(CultureInfo.InvariantCulture) + " bytes of it were stored";
                        partly = true;
                        break;
                    default:
                        failure = response.Describe();
                        retryAfter = response.RetryAfter;
                        break;
                }
            }
            catch (CloudTimeoutException ex)
            {
                failure = ex.Message;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                failure = ex.Message;
            }

            try
            {
                await attempts.BackOffAsync(failure, retryAfter, immediately: partly, cancellationToken).ConfigureAwait(false);
            }
            catch (VolSyncException ex) when (offset == 0 && stored == 0)
            {
                // Not one byte got through (a cloud this machine cannot reach): the workspace itself may still take the file.
                throw new MultipartRefusedException(ex);
            }

            if (!partly && await QueryStoredAsync(url, cancellationToken).ConfigureAwait(false) is { } now)
            {
                stored = now;
                if (stored >= offset + size)
                {
                    return stored;
                }
            }
        }
    }

    private ChunkOutcome Outcome(CloudResponse response, long offset, int size, ref long stored)
    {
        if (response.IsSuccess)
        {
            stored = upload.Length;
            return ChunkOutcome.Stored;
        }

        if ((int)response.Status == 308)
        {
            stored = StoredBytes(response.Range);
            return stored >= offset + size ? ChunkOutcome.Stored : ChunkOutcome.Partly;
        }

        if (response.Status == HttpStatusCode.PreconditionFailed)
        {
            // The file exists and the session was opened with overwrite=false.
            var detail = "HTTP 412 Precondition Failed from the cloud storage: the file already exists";
            throw new DatabricksApiException(DiagnosticCodes.RemoteConflict.Code, DiagnosticCodes.RemoteConflict.Format("upload", upload.FilePath, detail), "upload", upload.FilePath, response.Status);
        }

        if (response.IsRetryable)
        {
            return ChunkOutcome.Retry;
        }

        var rejected = DiagnosticCodes.CloudPartRejected.ToException(upload.FilePath, "the chunk at byte " + offset.ToString(CultureInfo.InvariantCulture), response.Describe());
        throw offset == 0 && stored == 0 ? new MultipartRefusedException(rejected) : rejected;
    }

    /// <summary>How much the storage holds (<c>Content-Range: bytes */*</c>); null when it could not say.</summary>
    private async Task<long?> QueryStoredAsync(PresignedUrl url, CancellationToken cancellationToken)
    {
        try
        {
            var response = await upload.Cloud.SendAsync(HttpMethod.Put, url, _ => WithRange(new ByteArrayContent([]), "bytes */*"), "status query", null, cancellationToken).ConfigureAwait(false);
            return response.IsSuccess ? upload.Length : (int)response.Status == 308 ? StoredBytes(response.Range) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or CloudTimeoutException)
        {
            return null;
        }
    }

    /// <summary><c>Range: bytes=0-N</c> means N + 1 bytes are stored; no Range means none.</summary>
    private static long StoredBytes(string? range)
    {
        var dash = range?.LastIndexOf('-') ?? -1;
        return dash > 0 && long.TryParse(range.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end) ? end + 1 : 0;
    }

    private static HttpContent WithRange(HttpContent content, string range)
    {
        content.Headers.TryAddWithoutValidation("Content-Range", range);
        return content;
    }

    private enum ChunkOutcome
    {
        Stored,
        Partly,
        Retry,
    }
}
