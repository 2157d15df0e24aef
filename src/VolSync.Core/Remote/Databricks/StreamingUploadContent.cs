using System.Buffers;
using System.Net;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// A request body that copies the source straight to the socket in small pooled chunks with a known
/// <c>Content-Length</c>, so a 5 GiB file costs 80 KiB of memory, and that reports progress so the inactivity
/// timer only fires when the transfer really stalls.
/// </summary>
internal sealed class StreamingUploadContent : HttpContent
{
    private const int ChunkSize = 81920;

    private readonly Stream _source;
    private readonly long _length;
    private readonly string _remotePath;
    private readonly Action _onProgress;
    private readonly long _startPosition;
    private bool _started;
    private volatile bool _sentAll;

    public StreamingUploadContent(Stream source, long length, string remotePath, Action onProgress)
    {
        _source = source;
        _length = length;
        _remotePath = remotePath;
        _onProgress = onProgress;
        _startPosition = source.CanSeek ? source.Position : 0;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        Headers.ContentLength = length;
    }

    /// <summary>True once every byte of the body was written to the connection (and the source had no more).</summary>
    public bool SentAll => _sentAll;

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_started)
        {
            // The handler may resend on a fresh connection; only a seekable source can start over.
            if (!_source.CanSeek)
            {
                throw new IOException("The upload body cannot be sent twice on one attempt.");
            }

            _source.Position = _startPosition;
        }

        _started = true;
        _sentAll = false;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long sent = 0;
            while (sent < _length)
            {
                var want = (int)Math.Min(buffer.Length, _length - sent);
                var read = await ReadSourceAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new SourceReadException(DiagnosticCodes.RemoteSourceChanged.ToException(_remotePath, _length, sent));
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                sent += read;
                _onProgress();
            }

            // A source longer than announced means the file changed under us: what we sent is not the file.
            if (await ReadSourceAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) != 0)
            {
                throw new SourceReadException(DiagnosticCodes.RemoteSourceChanged.ToException(_remotePath, _length, "more"));
            }

            _sentAll = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<int> ReadSourceAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await _source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Local read failures must not look like network failures: they are not retried.
            throw new SourceReadException(ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }

        base.Dispose(disposing);
    }
}
