using System.Buffers;
using System.Text.Json;

namespace VolSync.Releases;

/// <summary>
/// The bytes of a manifest, produced as they are read: the header, then the files array serialized a batch of entries
/// at a time, then the closing brace. A 200 000-file manifest (35 MB) is uploaded through a 32 KiB buffer instead of
/// being held whole. Seeking back to the start (a resend) starts the files over.
/// </summary>
internal sealed class ManifestContent : Stream
{
    private const int FilesPerBatch = 256;

    private readonly byte[] _prefix;
    private readonly Func<IEnumerable<ReleaseFile>> _files;
    private readonly long _length;
    private readonly ArrayBufferWriter<byte> _buffer = new(32 * 1024);
    private Utf8JsonWriter? _json;
    private IEnumerator<ReleaseFile>? _enumerator;
    private Stage _stage;
    private int _offset;
    private long _position;

    public ManifestContent(byte[] prefix, Func<IEnumerable<ReleaseFile>> files, long length)
    {
        _prefix = prefix;
        _files = files;
        _length = length;
    }

    private enum Stage
    {
        Header,
        Files,
        Done,
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            if (value != 0)
            {
                throw new NotSupportedException("A manifest's content can only start over from its beginning.");
            }

            Restart();
        }
    }

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var pending = _buffer.WrittenSpan[_offset..];
            if (!pending.IsEmpty)
            {
                var count = Math.Min(pending.Length, buffer.Length);
                pending[..count].CopyTo(buffer);
                _offset += count;
                _position += count;
                return count;
            }

            if (!Refill())
            {
                // The files are enumerated anew for every read-through; a different count would be a wrong manifest.
                if (_position != _length)
                {
                    throw new InvalidOperationException($"The manifest came to {_position} bytes, not the {_length} measured.");
                }

                return 0;
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (offset != 0 || origin == SeekOrigin.End || (origin == SeekOrigin.Current && _position != 0))
        {
            throw new NotSupportedException("A manifest's content can only start over from its beginning.");
        }

        Restart();
        return 0;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close(ref _json, ref _enumerator);
        }

        base.Dispose(disposing);
    }

    private bool Refill()
    {
        _buffer.ResetWrittenCount();
        _offset = 0;
        switch (_stage)
        {
            case Stage.Header:
                _buffer.Write(_prefix);
                _json = ManifestJson.CreateWriter(_buffer);
                _json.WriteStartArray();
                _json.Flush();
                _enumerator = _files().GetEnumerator();
                _stage = Stage.Files;
                return true;
            case Stage.Files:
                for (var i = 0; i < FilesPerBatch; i++)
                {
                    if (!_enumerator!.MoveNext())
                    {
                        _json!.WriteEndArray();
                        _json.Flush();
                        _buffer.Write(ManifestJson.Suffix);
                        Close(ref _json, ref _enumerator);
                        _stage = Stage.Done;
                        return true;
                    }

                    ManifestJson.WriteFile(_json!, _enumerator.Current);
                }

                _json!.Flush();
                return true;
            default:
                return false;
        }
    }

    private void Restart()
    {
        Close(ref _json, ref _enumerator);
        _buffer.ResetWrittenCount();
        _offset = 0;
        _position = 0;
        _stage = Stage.Header;
    }

    private static void Close(ref Utf8JsonWriter? json, ref IEnumerator<ReleaseFile>? enumerator)
    {
        json?.Dispose();
        json = null;
        enumerator?.Dispose();
        enumerator = null;
    }
}
