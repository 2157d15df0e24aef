using System.Collections.Concurrent;
using VolSync.Diagnostics;
using VolSync.Hashing;
using VolSync.Planning;
using VolSync.Remote;

namespace VolSync.Transfer;

/// <summary>
/// Uploads the planned files with at most N requests in flight, streaming each from disk. One file's failure is
/// that file's result and never stops the others; cancellation stops new work and is passed to uploads in flight.
/// A file is only ever sent with the content its remote name was made from: when the bytes read do not match the
/// planned hash while the file's size and time still do (a stale hash-cache entry, or a rewrite that restored the
/// time), the file is hashed again and uploaded under the name of its true content, once; a file that keeps
/// changing fails with VOLSYNC3003.
/// </summary>
internal sealed class UploadExecutor
{
    private readonly IVolumeStore _store;
    private readonly ProgressReporter _progress;
    private readonly ISyncLogger _logger;
    private readonly ConcurrentQueue<(HashedFile Wrong, HashedFile Fresh)> _corrections = new();
    private readonly UploadOptions _options;

    public UploadExecutor(IVolumeStore store, ProgressReporter progress, ISyncLogger logger, UploadOptions? options = null)
    {
        _store = store;
        _progress = progress;
        _logger = logger;
        _options = options ?? new UploadOptions();
    }

    /// <summary>Hashes that turned out not to match their file's content, each with the hash taken again.</summary>
    public IReadOnlyCollection<(HashedFile Wrong, HashedFile Fresh)> Corrections => _corrections;

    /// <summary>
    /// Uploads every file; outcomes come back in the order of <paramref name="uploads"/>, each with the plan it ended
    /// with (another remote name when the file was re-hashed) and its failure, if any.
    /// </summary>
    public async Task<IReadOnlyList<(PlannedFile Planned, SyncFileResult? Failure, UploadRoute? Route)>> ExecuteAsync(IReadOnlyList<PlannedFile> uploads, int maxConcurrentUploads, CancellationToken cancellationToken)
    {
        var outcomes = new (PlannedFile, SyncFileResult?, UploadRoute?)[uploads.Count];
        // One budget for every transfer of the run: a large file's parts use the slots small files leave free.
        var options = _options with { Overwrite = true, Slots = new UploadSlots(maxConcurrentUploads) };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrentUploads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, uploads.Count), parallel, async (index, ct) =>
        {
            var (planned, failure, route) = await UploadOneAsync(uploads[index], options, ct).ConfigureAwait(false);
            outcomes[index] = (planned, failure, route);
            _progress.FileDone(planned.Source.File.RelativePath, failure ?? FileResultList.ToResult(planned, FileOutcome.Uploaded) with { Route = route });
        }).ConfigureAwait(false);

        return outcomes;
    }

    private async Task<(PlannedFile Planned, SyncFileResult? Failure, UploadRoute? Route)> UploadOneAsync(PlannedFile planned, UploadOptions options, CancellationToken cancellationToken)
    {
        var (failure, changed, route) = await TryUploadAsync(planned, options, cancellationToken).ConfigureAwait(false);
        var source = planned.Source;
        var file = source.File;
        // An empty file that is no longer empty is being written (or is a FIFO, which must never be opened).
        if (!changed || source.Size == 0)
        {
            return (planned, failure, route);
        }

        HashedFile fresh;
        try
        {
            fresh = FileHasher.HashFile(file, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is VolSyncException or IOException or UnauthorizedAccessException)
        {
            return (planned, failure, route);
        }

        if (fresh.Size != source.Size || fresh.LastWriteUtcTicks != source.LastWriteUtcTicks)
        {
            // Still being written: the next run will see it settled.
            return (planned, failure, route);
        }

        _corrections.Enqueue((source, fresh));
        var retargeted = planned with { Source = fresh };
        _logger.Log(SyncLogLevel.Debug, $"{file.RelativePath}: its content does not match the hash it was planned with ({source.Sha256}); hashed again ({fresh.Sha256}), uploading it as {retargeted.RemoteName}.");
        var (second, _, secondRoute) = await TryUploadAsync(retargeted, options, cancellationToken).ConfigureAwait(false);
        return (retargeted, second, secondRoute);
    }

    /// <summary>One upload; the failure (null on success), whether the local file did not match its snapshot, and the route taken.</summary>
    private async Task<(SyncFileResult? Failure, bool Changed, UploadRoute? Route)> TryUploadAsync(PlannedFile planned, UploadOptions options, CancellationToken cancellationToken)
    {
        var source = planned.Source;
        var file = source.File;
        var attempt = new AttemptState();
        var fullPath = file.FullPath;
        var expectedSha256 = source.Sha256;

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
                    throw new LocalFileChangedException(fullPath);
                }

                return new VerifyingReadStream(Stream.Null, 0, expectedSha256, fullPath, attempt.Counter(_progress, file.RelativePath), () => attempt.Changed = true);
            }

            var stream = new FileStream(fullPath, new FileStreamOptions
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
                    throw new LocalFileChangedException(fullPath);
                }
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return new VerifyingReadStream(stream, source.Size, expectedSha256, fullPath, attempt.Counter(_progress, file.RelativePath), () => attempt.Changed = true);
        }

        try
        {
            var route = await _store.UploadAsync(planned.RemotePath, OpenAsync, source.Size, options, cancellationToken).ConfigureAwait(false);
            return (null, false, route);
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
                ? (DiagnosticCodes.FileChangedDuringSync.Code, DiagnosticCodes.FileChangedDuringSync.Format(fullPath))
                : ex switch
                {
                    VolSyncException v => (v.Code, v.Message),
                    IOException or UnauthorizedAccessException => (DiagnosticCodes.FileUnreadable.Code, DiagnosticCodes.FileUnreadable.Format(fullPath, ex.Message)),
                    _ => (DiagnosticCodes.UploadFailedUnexpectedly.Code, DiagnosticCodes.UploadFailedUnexpectedly.Format(file.RelativePath, ex.Message)),
                };
            _logger.Log(SyncLogLevel.Debug, $"Upload of {file.RelativePath} failed: {ex}");
            return (FileResultList.ToResult(planned, FileOutcome.Failed, message, code), attempt.Changed, null);
        }
    }

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
