using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// Reads the content into part buffers, in order and once: the engine's content stream checks the file against
/// its hash as it is read (and fails before the last byte if it changed), so every part sent, and every retry of
/// it from its buffer, is exactly the hashed content.
/// </summary>
internal static class PartReader
{
    public static async Task ReadAsync(Stream source, Memory<byte> part, string filePath, long length, long offset, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < part.Length)
        {
            var read = await source.ReadAsync(part[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw DiagnosticCodes.RemoteSourceChanged.ToException(filePath, length, offset + filled);
            }

            filled += read;
        }
    }
}
