using VolSync.Diagnostics;
using VolSync.Remote;

namespace VolSync.Releases;

/// <summary>
/// Re-reads every file of a release from the volume, streamed and several at a time, and checks its size and SHA-256
/// against the manifest (SPEC §8). Works for both naming modes: the manifest says where each file is.
/// </summary>
internal sealed class ReleaseVerifier
{
    private readonly IVolumeFileStore _store;
    private readonly ISyncLogger _logger;

    public ReleaseVerifier(IVolumeFileStore store, ISyncLogger logger)
    {
        _store = store;
        _logger = logger;
    }

    public async Task<IReadOnlyList<VerifyFileResult>> VerifyAsync(ReleaseManifest manifest, string remoteRoot, int parallelism, ReleaseProgressReporter reporter, CancellationToken cancellationToken)
    {
        var results = new VerifyFileResult[manifest.Files.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, manifest.Files.Count), options, async (index, ct) =>
        {
            var file = manifest.Files[index];
            var result = await VerifyOneAsync(manifest.Id, file, remoteRoot + "/" + file.RemotePath, reporter, ct).ConfigureAwait(false);
            results[index] = result;
            reporter.FileDone(file.Path, result.Outcome.ToString());
        }).ConfigureAwait(false);
        return results;
    }

    private async Task<VerifyFileResult> VerifyOneAsync(string releaseId, ReleaseFile file, string remotePath, ReleaseProgressReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            var actual = await DownloadRetry.RunAsync(remotePath, (_, ct) => ReadAsync(remotePath, reporter, ct), cancellationToken).ConfigureAwait(false);
            if (actual is null)
            {
                return new VerifyFileResult(file.Path, remotePath, file.Size, file.Sha256, VerifyOutcome.Missing, null, null, DiagnosticCodes.ReleaseFileMissing.Format(file.Path, releaseId, remotePath), DiagnosticCodes.ReleaseFileMissing.Code);
            }

            var (length, sha256) = actual.Value;
            return length == file.Size && sha256 == file.Sha256
                ? new VerifyFileResult(file.Path, remotePath, file.Size, file.Sha256, VerifyOutcome.Ok, length, sha256)
                : new VerifyFileResult(
                    file.Path, remotePath, file.Size, file.Sha256, VerifyOutcome.Different, length, sha256,
                    DiagnosticCodes.ReleaseFileDifferent.Format(file.Path, releaseId, remotePath, file.Size, file.Sha256, length, sha256),
                    DiagnosticCodes.ReleaseFileDifferent.Code);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (VolSyncException ex)
        {
            return new VerifyFileResult(file.Path, remotePath, file.Size, file.Sha256, VerifyOutcome.Failed, null, null, ex.Message, ex.Code);
        }
    }

    /// <summary>Size and SHA-256 of the remote file, or null when there is none.</summary>
    private async Task<(long Length, string Sha256)?> ReadAsync(string remotePath, ReleaseProgressReporter reporter, CancellationToken cancellationToken)
    {
        var stream = await _store.TryOpenReadAsync(remotePath, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        long read = 0;
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                return await ContentHasher.HashAsync(stream, null, bytes =>
                {
                    read += bytes;
                    reporter.AddBytes(bytes);
                }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // A retry reads the file again: take back what this attempt counted.
            reporter.AddBytes(-read);
            throw;
        }
    }
}
