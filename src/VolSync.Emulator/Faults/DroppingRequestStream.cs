namespace VolSync.Emulator.Faults;

/// <summary>Passes the first <c>limit</c> bytes of a request body through, then cuts the connection.</summary>
internal sealed class DroppingRequestStream : Stream
{
    private readonly Stream _inner;
    private readonly HttpContext _context;
    private long _remaining;

    public DroppingRequestStream(Stream inner, HttpContext context, long limit)
    {
        _inner = inner;
        _context = context;
        _remaining = limit;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining <= 0)
        {
            throw Drop();
        }

        var read = await _inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
        _remaining -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private IOException Drop()
    {
        FaultMiddleware.Cut(_context);
        return new IOException("Connection dropped by the emulator's fault injection.");
    }
}
