using System.Security.Cryptography;
using VolSync.Hashing;

namespace VolSync.Transfer;

/// <summary>
/// Reads exactly the hashed number of bytes of a local file while hashing them, and throws before handing over the
/// last bytes when the content is not the content that was hashed. An upload body built on it therefore never
/// completes with content that does not match the remote name: the request fails and the server commits nothing.
/// </summary>
internal sealed class VerifyingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _length;
    private readonly string _expectedSha256;
    private readonly string _fullPath;
    private readonly Action<long>? _onBytesRead;
    private readonly Action _onMismatch;
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;
    private bool _verified;

    public VerifyingReadStream(Stream inner, long length, string expectedSha256, string fullPath, Action<long>? onBytesRead, Action onMismatch)
    {
        _inner = inner;
        _length = length;
        _expectedSha256 = expectedSha256;
        _fullPath = fullPath;
        _onBytesRead = onBytesRead;
        _onMismatch = onMismatch;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var want = Want(buffer.Length);
        if (want == 0)
        {
            VerifyAtEnd();
            return 0;
        }

        var read = _inner.Read(buffer[..want]);
        return Accept(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var want = Want(buffer.Length);
        if (want == 0)
        {
            VerifyAtEnd();
            return 0;
        }

        var read = await _inner.ReadAsync(buffer[..want], cancellationToken).ConfigureAwait(false);
        return Accept(buffer.Span[..read]);
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
            _inner.Dispose();
            _sha.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Want(int bufferLength) => (int)Math.Min(bufferLength, _length - _position);

    private int Accept(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length == 0)
        {
            // The file is shorter than when it was hashed.
            Fail();
        }

        _sha.AppendData(chunk);
        _position += chunk.Length;
        if (_position == _length)
        {
            // Checked before the last bytes leave, so a mismatching body is never complete.
            VerifyAtEnd();
        }

        _onBytesRead?.Invoke(chunk.Length);
        return chunk.Length;
    }

    private void VerifyAtEnd()
    {
        if (_verified)
        {
            return;
        }

        var actual = Convert.ToHexString(_sha.GetHashAndReset()).ToLowerInvariant();
        if (!string.Equals(actual, _expectedSha256, StringComparison.Ordinal))
        {
            Fail();
        }

        _verified = true;
    }

    private void Fail()
    {
        _onMismatch();
        throw new LocalFileChangedException(_fullPath);
    }
}
