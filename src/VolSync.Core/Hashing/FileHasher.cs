using System.Buffers;
using System.Security.Cryptography;
using VolSync.Diagnostics;
using VolSync.Discovery;

namespace VolSync.Hashing;

/// <summary>
/// Streamed SHA-256 of local files: fixed-size reads straight from the file handle into a pooled buffer (no
/// FileStream buffering, never a whole file in memory), files spread over every core.
/// </summary>
internal static class FileHasher
{
    /// <summary>Bytes per read; 1 MiB measured fastest (docs/benchmarks.md).</summary>
    public const int DefaultBufferSize = 1 << 20;

    /// <summary>The SHA-256 of no bytes.</summary>
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>A file that keeps changing while it is read is given up after this many attempts.</summary>
    private const int MaxAttempts = 3;

    /// <summary>
    /// Hashes one file. Returns the lowercase hex SHA-256 with the size and last write time the file had while it
    /// was read; throws <see cref="LocalFileChangedException"/> when it kept changing under the reader.
    /// </summary>
    public static HashedFile HashFile(LocalFile file, Action<long>? onBytesRead = null, int bufferSize = DefaultBufferSize, CancellationToken cancellationToken = default)
    {
        if (file.IsStillEmpty())
        {
            return new HashedFile(file, EmptySha256, 0, file.LastWriteUtcTicks);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                using var handle = File.OpenHandle(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
                var length = RandomAccess.GetLength(handle);
                var lastWrite = File.GetLastWriteTimeUtc(handle).Ticks;
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long offset = 0;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var read = RandomAccess.Read(handle, buffer.AsSpan(0, bufferSize), offset);
                    if (read == 0)
                    {
                        break;
                    }

                    sha.AppendData(buffer, 0, read);
                    offset += read;
                    onBytesRead?.Invoke(read);
                }

                if (offset == length && RandomAccess.GetLength(handle) == length && File.GetLastWriteTimeUtc(handle).Ticks == lastWrite)
                {
                    return new HashedFile(file, Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), length, lastWrite);
                }

                // Bytes counted for a discarded attempt are taken back so progress stays truthful.
                onBytesRead?.Invoke(-offset);
                if (attempt == MaxAttempts)
                {
                    throw new LocalFileChangedException(file.FullPath);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Hashes <paramref name="files"/> in parallel, each once. Per-file problems (unreadable, changing) are outcomes,
    /// not exceptions; only cancellation throws. Outcomes come back in the order of <paramref name="files"/>.
    /// </summary>
    public static async Task<IReadOnlyList<HashOutcome>> HashAllAsync(
        IReadOnlyList<LocalFile> files,
        Action<long>? onBytesRead = null,
        Action<HashOutcome>? onFileHashed = null,
        int maxDegreeOfParallelism = 0,
        CancellationToken cancellationToken = default)
    {
        var outcomes = new HashOutcome[files.Count];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };

        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, (index, ct) =>
        {
            var outcome = HashOne(files[index], onBytesRead, ct);
            outcomes[index] = outcome;
            onFileHashed?.Invoke(outcome);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        return outcomes;
    }

    private static HashOutcome HashOne(LocalFile file, Action<long>? onBytesRead, CancellationToken cancellationToken)
    {
        try
        {
            return new HashOutcome(file, HashFile(file, onBytesRead, DefaultBufferSize, cancellationToken), null, null);
        }
        catch (VolSyncException ex)
        {
            return new HashOutcome(file, null, ex.Code, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new HashOutcome(file, null, DiagnosticCodes.FileUnreadable.Code, DiagnosticCodes.FileUnreadable.Format(file.FullPath, ex.Message));
        }
    }
}
