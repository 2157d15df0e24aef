using System.Buffers;
using System.Security.Cryptography;

namespace VolSync.Releases;

/// <summary>
/// Reads a stream to its end through SHA-256, optionally writing every byte on to another stream: how verify checks
/// a remote file and pull writes one, without ever holding a whole file in memory.
/// </summary>
internal static class ContentHasher
{
    private const int BufferSize = 1 << 20;

    public static async Task<(long Length, string Sha256)> HashAsync(Stream source, Stream? copyTo, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                if (copyTo is not null)
                {
                    await copyTo.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                length += read;
                onBytes?.Invoke(read);
            }

            return (length, Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The SHA-256 of a local file, or null when it cannot be read.</summary>
    public static async Task<string?> TryHashFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, Options = FileOptions.SequentialScan | FileOptions.Asynchronous, BufferSize = 0 });
            await using (stream.ConfigureAwait(false))
            {
                return (await HashAsync(stream, null, null, cancellationToken).ConfigureAwait(false)).Sha256;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
