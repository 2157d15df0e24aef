using VolSync.Diagnostics;
using VolSync.Remote;

namespace VolSync.Releases;

/// <summary>
/// Downloads a release into a local folder under the original relative paths (SPEC §8): each file streamed into a
/// temp file beside its target while its SHA-256 is checked, then renamed over the target, so a file is either the
/// release's or untouched. Files already there with the right hash are skipped. Paths come from a validated manifest
/// and are checked again against the destination, and no folder that is a symbolic link is written through, so
/// nothing outside the destination is ever written.
/// </summary>
internal sealed class ReleasePuller
{
    private const string TempPrefix = ".volsync-pull-";

    private readonly IVolumeFileStore _store;
    private readonly ISyncLogger _logger;

    public ReleasePuller(IVolumeFileStore store, ISyncLogger logger)
    {
        _store = store;
        _logger = logger;
    }

    /// <summary>The destination as a full path; VOLSYNC2404 when it is a file. Nothing is created yet.</summary>
    public static string FullDestination(string destination)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            throw DiagnosticCodes.PullDestinationInvalid.ToException(destination ?? string.Empty, "no folder was given");
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
        return File.Exists(full) ? throw DiagnosticCodes.PullDestinationInvalid.ToException(full, "it is a file") : full;
    }

    /// <summary>Pulls every file; the destination (from <see cref="FullDestination"/>) is created once the manifest is known to be good.</summary>
    public async Task<IReadOnlyList<PullFileResult>> PullAsync(ReleaseManifest manifest, string remoteRoot, string destination, int parallelism, ReleaseProgressReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(destination);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw DiagnosticCodes.PullDestinationInvalid.ToException(ex, destination, ex.Message.TrimEnd('.'));
        }

        var results = new PullFileResult[manifest.Files.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, manifest.Files.Count), options, async (index, ct) =>
        {
            var file = manifest.Files[index];
            var result = await PullOneAsync(manifest.Id, file, remoteRoot + "/" + file.RemotePath, destination, reporter, ct).ConfigureAwait(false);
            results[index] = result;
            if (result.Outcome == PullOutcome.Failed)
            {
                _logger.Log(SyncLogLevel.Debug, $"Pull of {file.Path} failed: {result.ErrorCode}: {result.Error}");
            }
            reporter.FileDone(file.Path, result.Outcome.ToString());
        }).ConfigureAwait(false);
        return results;
    }

    private async Task<PullFileResult> PullOneAsync(string releaseId, ReleaseFile file, string remotePath, string destination, ReleaseProgressReporter reporter, CancellationToken cancellationToken)
    {
        var target = TargetOf(destination, file.Path);
        PullFileResult Fail(string message, string code) => new(file.Path, target ?? destination, remotePath, file.Size, file.Sha256, PullOutcome.Failed, message, code);

        if (target is null)
        {
            return Fail(DiagnosticCodes.PullPathBlocked.Format(file.Path, "its path does not stay inside the destination."), DiagnosticCodes.PullPathBlocked.Code);
        }

        if (BlockingEntry(destination, target) is { } blocked)
        {
            return Fail(DiagnosticCodes.PullPathBlocked.Format(target, blocked), DiagnosticCodes.PullPathBlocked.Code);
        }

        try
        {
            if (File.Exists(target) && new FileInfo(target).Length == file.Size
                && await ContentHasher.TryHashFileAsync(target, cancellationToken).ConfigureAwait(false) == file.Sha256)
            {
                return new PullFileResult(file.Path, target, remotePath, file.Size, file.Sha256, PullOutcome.Skipped);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var outcome = await DownloadRetry.RunAsync(remotePath, (_, ct) => DownloadAsync(releaseId, file, remotePath, target, reporter, ct), cancellationToken).ConfigureAwait(false);
            return outcome ?? new PullFileResult(file.Path, target, remotePath, file.Size, file.Sha256, PullOutcome.Downloaded);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (VolSyncException ex)
        {
            return Fail(ex.Message, ex.Code);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(DiagnosticCodes.PullFileNotWritten.Format(target, ex.Message), DiagnosticCodes.PullFileNotWritten.Code);
        }
    }

    /// <summary>Streams the remote file into a temp file beside the target, checks it, and renames it; null on success, else the failure.</summary>
    private async Task<PullFileResult?> DownloadAsync(string releaseId, ReleaseFile file, string remotePath, string target, ReleaseProgressReporter reporter, CancellationToken cancellationToken)
    {
        var stream = await _store.TryOpenReadAsync(remotePath, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return new PullFileResult(file.Path, target, remotePath, file.Size, file.Sha256, PullOutcome.Failed, DiagnosticCodes.ReleaseFileMissing.Format(file.Path, releaseId, remotePath), DiagnosticCodes.ReleaseFileMissing.Code);
        }

        var temp = Path.Combine(Path.GetDirectoryName(target)!, TempPrefix + Guid.NewGuid().ToString("N") + ".tmp");
        long counted = 0;
        try
        {
            (long Length, string Sha256) actual;
            await using (stream.ConfigureAwait(false))
            {
                var output = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous, BufferSize = 0 });
                await using (output.ConfigureAwait(false))
                {
                    actual = await ContentHasher.HashAsync(stream, output, bytes =>
                    {
                        counted += bytes;
                        reporter.AddBytes(bytes);
                    }, cancellationToken).ConfigureAwait(false);
                    output.Flush(flushToDisk: true);
                }
            }

            if (actual.Length != file.Size || actual.Sha256 != file.Sha256)
            {
                return new PullFileResult(
                    file.Path, target, remotePath, file.Size, file.Sha256, PullOutcome.Failed,
                    DiagnosticCodes.ReleaseFileDownloadMismatch.Format(file.Path, remotePath, file.Size, file.Sha256, actual.Length, actual.Sha256),
                    DiagnosticCodes.ReleaseFileDownloadMismatch.Code);
            }

            File.Move(temp, target, overwrite: true);
            return null;
        }
        catch
        {
            reporter.AddBytes(-counted);
            throw;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>The full local path of a manifest path under the destination, or null when it would leave it.</summary>
    private static string? TargetOf(string destination, string relativePath)
    {
        try
        {
            var full = Path.GetFullPath(Path.Join(destination, relativePath.Replace('/', Path.DirectorySeparatorChar)));
            var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return full.StartsWith(destination + Path.DirectorySeparatorChar, comparison) ? full : null;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>Why <paramref name="target"/> cannot be written: a folder on the way that is a symbolic link or a file, or a folder at the target itself.</summary>
    private static string? BlockingEntry(string destination, string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        var chain = new Stack<string>();
        while (folder.Length > destination.Length)
        {
            chain.Push(folder);
            folder = Path.GetDirectoryName(folder)!;
        }

        foreach (var step in chain)
        {
            var info = new DirectoryInfo(step);
            if (info.LinkTarget is not null)
            {
                return $"the folder '{step}' on its way is a symbolic link (to '{info.LinkTarget}').";
            }

            if (File.Exists(step))
            {
                return $"'{step}' on its way is a file, not a folder.";
            }
        }

        return Directory.Exists(target) ? "a folder of that name is there." : null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp file is hidden by its name and harmless.
        }
    }
}
