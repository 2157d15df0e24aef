using VolSync.Diagnostics;
using VolSync.Hashing;
using VolSync.Planning;
using VolSync.Remote;

namespace VolSync.Transfer;

/// <summary>
/// Uploads the planned files with at most N requests in flight, streaming each from disk. One file's failure is
/// that file's result and never stops the others; cancellation stops new work and is passed to uploads in flight.
/// A file is only ever sent with the content its remote name was made from.
/// </summary>
internal sealed class UploadExecutor
{
    private readonly IVolumeStore _store;
    private readonly ProgressReporter _progress;
    private readonly ISyncLogger _logger;

    public UploadExecutor(IVolumeStore store, ProgressReporter progress, ISyncLogger logger)
    {
        _store = store;
        _progress = progress;
        _logger = logger;
    }

    /// <summary>Uploads every file; results come back in the order of <paramref name="uploads"/>.</summary>
    public async Task<IReadOnlyList<SyncFileResult>> ExecuteAsync(IReadOnlyList<PlannedFile> uploads, int maxConcurrentUploads, CancellationToken cancellationToken)
    {
        var results = new SyncFileResult[uploads.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrentUploads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, uploads.Count), options, async (index, ct) =>
        {
            var result = await UploadOneAsync(uploads[index], ct).ConfigureAwait(false);
            results[index] = result;
            _progress.FileDone(uploads[index].Source.File.RelativePath, result);
        }).ConfigureAwait(false);

        return results;
    }

    private async Task<SyncFileResult> UploadOneAsync(PlannedFile planned, CancellationToken cancellationToken)
    {
        var source = planned.Source;
        var file = source.File;
        var attempt = new AttemptState();

        async ValueTask<Stream> OpenAsync(CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            attempt.Restart(_progress);
            if (source.Size == 0)
            {
                // Never opened, like in hashing: an empty file's content is known.
                if (!file.IsStillEmpty())
                {
                    attempt.Changed = true;
                    throw new LocalFileChangedException(file.FullPath);
                }

                return new VerifyingReadStream(Stream.Null, 0, source.Sha256, file.FullPath, attempt.Counter(_progress, file.RelativePath), () => attempt.Changed = true);
            }

            var stream = new FileStream(file.FullPath, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.SequentialScan,
                BufferSize = 0,
            });
            try
            {
                if (RandomAccess.GetLength(stream.SafeFileHandle) != source.Size
                    || File.GetLastWriteTimeUtc(stream.SafeFileHandle).Ticks != source.LastWriteUtcTicks)
                {
                    attempt.Changed = true;
                    throw new LocalFileChangedException(file.FullPath);
                }
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return new VerifyingReadStream(stream, source.Size, source.Sha256, file.FullPath, attempt.Counter(_progress, file.RelativePath), () => attempt.Changed = true);
        }

        try
        {
            await _store.UploadAsync(planned.RemotePath, OpenAsync, source.Size, overwrite: true, cancellationToken).ConfigureAwait(false);
            return Result(planned, FileOutcome.Uploaded);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            attempt.Restart(_progress);
            var (code, message) = attempt.Changed
                // The store may have wrapped our exception (e.g. into an HTTP error); the local cause is the truth.
                ? (DiagnosticCodes.FileChangedDuringSync.Code, DiagnosticCodes.FileChangedDuringSync.Format(file.FullPath))
                : ex switch
                {
                    VolSyncException v => (v.Code, v.Message),
                    IOException or UnauthorizedAccessException => (DiagnosticCodes.FileUnreadable.Code, DiagnosticCodes.FileUnreadable.Format(file.FullPath, ex.Message)),
                    _ => (DiagnosticCodes.UploadFailedUnexpectedly.Code, DiagnosticCodes.UploadFailedUnexpectedly.Format(file.RelativePath, ex.Message)),
                };
            _logger.Log(SyncLogLevel.Debug, $"Upload of {file.RelativePath} failed: {ex}");
            return Result(planned, FileOutcome.Failed, message, code);
        }
    }

    private static SyncFileResult Result(PlannedFile planned, FileOutcome outcome, string? error = null, string? code = null) =>
        new(planned.Source.File.FullPath, planned.Source.File.RelativePath, planned.RemotePath, planned.Source.Size, planned.Source.Sha256, outcome, error, code);

    /// <summary>Per-file state shared by the attempts the store makes (it re-opens the content for each retry).</summary>
    private sealed class AttemptState
    {
        private long _sent;

        public bool Changed { get; set; }

        /// <summary>Takes back the bytes a previous attempt reported, so progress counts each byte once.</summary>
        public void Restart(ProgressReporter progress)
        {
            var sent = Interlocked.Exchange(ref _sent, 0);
            if (sent != 0)
            {
                progress.AddBytes(-sent);
            }
        }

        public Action<long> Counter(ProgressReporter progress, string relativePath) => bytes =>
        {
            Interlocked.Add(ref _sent, bytes);
            progress.AddBytes(bytes, relativePath);
        };
    }
}
