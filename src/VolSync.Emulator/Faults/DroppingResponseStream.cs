namespace VolSync.Emulator.Faults;

/// <summary>Sends the first half of a response body (by its Content-Length), then cuts the connection.</summary>
internal sealed class DroppingResponseStream : Stream
{
    private readonly Stream _inner;
    private readonly HttpContext _context;
    private long? _remaining;

    public DroppingResponseStream(Stream inner, HttpContext context)
    {
        _inner = inner;
        _context = context;
    }

    public bool Dropped { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Dropped)
        {
            throw new IOException("Connection dropped by the emulator's fault injection.");
        }

        _remaining ??= (_context.Response.ContentLength ?? 0) / 2;
        var pass = (int)Math.Min(buffer.Length, _remaining.Value);
        if (pass > 0)
        {
            await _inner.WriteAsync(buffer[..pass], cancellationToken).ConfigureAwait(false);
            _remaining -= pass;
        }

        if (pass < buffer.Length)
        {
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            Drop();
            throw new IOException("Connection dropped by the emulator's fault injection.");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        Dropped ? Task.CompletedTask : _inner.FlushAsync(cancellationToken);

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Cuts the connection now (also used when the handler wrote no body at all).</summary>
    public void Drop()
    {
        if (!Dropped)
        {
            Dropped = true;
            FaultMiddleware.Cut(_context);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
