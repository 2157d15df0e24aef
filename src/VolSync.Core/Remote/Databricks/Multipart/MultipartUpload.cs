using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// Parts to presigned URLs (AWS, Azure): one loop reads the parts in order, each into the buffer of a transfer
/// slot, and hands it to a sender, so several parts are in flight within the sync's budget while memory stays at
/// one part per slot. Each part is retried on its own from its buffer; its ETag is kept exactly as the cloud sent
/// it; <c>complete-upload</c> lists the parts in order once every part has landed.
/// </summary>
internal sealed class MultipartUpload(LargeFileUpload upload, UploadSession session) : IPartedUpload
{
    private readonly PartUrlSource _urls = new(upload.Client, upload.FilePath, session.Token, upload.Layout.Count);
    private readonly StragglerGuard _stragglers = new(upload.Client.StragglerFloor);
    private readonly string[] _etags = new string[upload.Layout.Count];
    private int _landed;

    public async Task<UploadRoute> RunAsync(CancellationToken cancellationToken)
    {
        var layout = upload.Layout;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sends = new List<Task>(layout.Count);
        Exception? loopFailure = null;
        var source = await upload.OpenContent(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            try
            {
                for (var part = 1; part <= layout.Count; part++)
                {
                    var slot = await upload.Slots.AcquireAsync((int)layout.PartSize, stop.Token).ConfigureAwait(false);
                    try
                    {
                        var url = await NextUrlAsync(part, stop.Token).ConfigureAwait(false);
                        var size = layout.SizeOf(part);
                        await PartReader.ReadAsync(source, slot.Buffer.AsMemory(0, size), upload.FilePath, upload.Length, layout.Offset(part), stop.Token).ConfigureAwait(false);
                        sends.Add(SendAsync(part, url, slot, size, stop));
                    }
                    catch
                    {
                        slot.Dispose();
                        throw;
                    }
                }
            }
            catch (Exception ex)
            {
                loopFailure = ex;
                await stop.CancelAsync().ConfigureAwait(false);
            }

            // Every part is over before the content is closed and the session is completed or aborted.
            try
            {
                await Task.WhenAll(sends).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Examined below, part by part.
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (FirstFailure(loopFailure, sends) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        await upload.Client.CompleteMultipartUploadAsync(upload.FilePath, session.Token, _etags, cancellationToken).ConfigureAwait(false);
        return new UploadRoute(UploadMethod.Multipart, layout.PartSize, layout.Count);
    }

    public async Task AbortAsync(CancellationToken cancellationToken)
    {
        var url = await upload.Client.CreateAbortUploadUrlAsync(upload.FilePath, session.Token, cancellationToken).ConfigureAwait(false);
        var response = await upload.Cloud.SendAsync(HttpMethod.Delete, url, null, "abort", null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            upload.Logger.Log(SyncLogLevel.Debug, $"Abort of the upload session for {upload.FilePath}: {response.Describe()}");
        }
    }

    /// <summary>A URL for the next part; refused before any part landed means the workspace will not take parts at all.</summary>
    private async Task<PresignedUrl> NextUrlAsync(int part, CancellationToken cancellationToken)
    {
        try
        {
            return await _urls.NextAsync(part, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Refusal(ex) && Volatile.Read(ref _landed) == 0)
        {
            throw new MultipartRefusedException(ex);
        }
    }

    private async Task SendAsync(int part, PresignedUrl url, UploadSlots.Slot slot, int size, CancellationTokenSource stop)
    {
        try
        {
            _etags[part - 1] = await SendPartAsync(part, url, slot.Buffer, size, stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _landed);
        }
        catch (VolSyncException ex) when (ex.Code == DiagnosticCodes.CloudPartFailed.Code && Volatile.Read(ref _landed) == 0)
        {
            // Not one part got through (a cloud this machine cannot reach): the workspace itself may still take the file.
            await stop.CancelAsync().ConfigureAwait(false);
            throw new MultipartRefusedException(ex);
        }
        catch
        {
            // One part failing for good fails the file: stop reading and sending the others.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            slot.Dispose();
        }
    }

    private async Task<string> SendPartAsync(int part, PresignedUrl url, byte[] buffer, int size, CancellationToken cancellationToken)
    {
        var what = "part " + part.ToString(CultureInfo.InvariantCulture);
        var attempts = upload.Retry.Start(upload.FilePath, what, upload.Logger);
        var cut = false;
        while (true)
        {
            attempts.Next();
            var started = Stopwatch.GetTimestamp();
            string failure;
            TimeSpan? retryAfter = null;
            var straggler = false;
            try
            {
                // A part cut as a straggler once gets no second deadline: it may simply be the slow one.
                var deadline = cut ? null : _stragglers.Deadline;
                var response = await upload.Cloud.SendAsync(
                    HttpMethod.Put,
                    url,
                    touch => new PartContent(buffer.AsMemory(0, size), touch),
                    what,
                    deadline,
                    cancellationToken).ConfigureAwait(false);
                if (response.IsSuccess)
                {
                    _stragglers.Record(Stopwatch.GetElapsedTime(started));
                    // Azure may send none; the SDKs then complete with an empty ETag.
                    return response.ETag ?? string.Empty;
                }

                if (response.IsExpiredUrl && attempts.MayRemint())
                {
                    url = await _urls.RemintAsync(part, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!response.IsRetryable)
                {
                    var rejected = DiagnosticCodes.CloudPartRejected.ToException(upload.FilePath, what, response.Describe());
                    throw Volatile.Read(ref _landed) == 0 ? new MultipartRefusedException(rejected) : rejected;
                }

                failure = response.Describe();
                retryAfter = response.RetryAfter;
            }
            catch (CloudTimeoutException ex)
            {
                failure = ex.Message;
                straggler = ex.Straggler;
                cut |= straggler;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                failure = Innermost(ex);
            }

            await attempts.BackOffAsync(failure, retryAfter, immediately: straggler, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The workspace (or the URL it gave) said no, as opposed to the network failing.</summary>
    private static bool Refusal(Exception exception) =>
        exception is DatabricksApiException { StatusCode: not null }
        || (exception is VolSyncException coded && coded.Code == DiagnosticCodes.PresignedUrlRefused.Code);

    /// <summary>The cause: a failure of the reading loop itself, else the first part that failed, else the cancellation.</summary>
    private static Exception? FirstFailure(Exception? loopFailure, List<Task> sends)
    {
        if (loopFailure is not null and not OperationCanceledException)
        {
            return loopFailure;
        }

        var partFailure = sends
            .Where(t => t.IsFaulted)
            .Select(t => t.Exception!.InnerException!)
            .FirstOrDefault(e => e is not OperationCanceledException);
        return partFailure ?? loopFailure;
    }

    private static string Innermost(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, exception) ? exception.Message : $"{exception.Message} {inner.Message}";
    }
}
