using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// A download body that releases its response (and so the pooled connection) when disposed, and that gives up on
/// an asynchronous read with no data for the inactivity timeout instead of hanging forever. Its host-limiter slot is
/// held until then: the server counts the request in flight while the body streams.
/// </summary>
internal sealed class ResponseStream(HttpResponseMessage response, Stream inner, string remotePath, TimeSpan inactivity, IDisposable slot) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => response.Content.Headers.ContentLength ?? throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (inactivity <= TimeSpan.Zero || inactivity == Timeout.InfiniteTimeSpan)
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(inactivity);
        try
        {
            return await inner.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DiagnosticCodes.RemoteDownloadStalled.ToException(ex, remotePath, DatabricksApiException.FormatDuration(inactivity));
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            response.Dispose();
            slot.Dispose();
        }

        base.Dispose(disposing);
    }
}
