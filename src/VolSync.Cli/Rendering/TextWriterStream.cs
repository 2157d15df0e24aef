using System.Text;

namespace VolSync.Cli.Rendering;

/// <summary>
/// A write-only stream that decodes UTF-8 into a <see cref="TextWriter"/>, so a <see cref="System.Text.Json.Utf8JsonWriter"/>
/// can stream into <see cref="Console.Out"/> (or a test's writer) chunk by chunk. Sequences split across writes
/// are carried over by the decoder.
/// </summary>
internal sealed class TextWriterStream : Stream
{
    private readonly TextWriter _target;
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] _chars = new char[8192];

    public TextWriterStream(TextWriter target) => _target = target;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (true)
        {
            _decoder.Convert(buffer, _chars, flush: false, out var bytesUsed, out var charsUsed, out _);
            _target.Write(_chars, 0, charsUsed);
            buffer = buffer[bytesUsed..];
            if (buffer.IsEmpty)
            {
                return;
            }
        }
    }

    public override void Flush() => _target.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
