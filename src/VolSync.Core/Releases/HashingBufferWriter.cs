using System.Buffers;
using System.Security.Cryptography;
using VolSync.Hashing;

namespace VolSync.Releases;

/// <summary>
/// A buffer writer that keeps nothing: what is written is hashed (SHA-256) and counted, so a 35 MB files array
/// can be measured for its id and <c>Content-Length</c> in 16 KiB.
/// </summary>
internal sealed class HashingBufferWriter : IBufferWriter<byte>, IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[16 * 1024];

    public long Length { get; private set; }

    public void Advance(int count)
    {
        _hash.AppendData(_buffer, 0, count);
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (sizeHint > _buffer.Length)
        {
            _buffer = new byte[sizeHint];
        }

        return _buffer;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public Sha256Digest Finish() => Sha256Digest.FromBytes(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
