using System.Net;
using System.Net.Http.Headers;

namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// A part's body, written straight from its buffer to the socket in slices that each report progress (so the
/// inactivity timer only fires when the transfer stalls), with an exact <c>Content-Length</c>. Unlike a stream
/// body it can be sent again as often as the handler needs: the bytes stay in the buffer.
/// </summary>
internal sealed class PartContent : HttpContent
{
    private const int Slice = 256 * 1024;

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly Action _onProgress;

    public PartContent(ReadOnlyMemory<byte> bytes, Action onProgress)
    {
        _bytes = bytes;
        _onProgress = onProgress;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Headers.ContentLength = bytes.Length;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var sent = 0; sent < _bytes.Length; sent += Slice)
        {
            await stream.WriteAsync(_bytes.Slice(sent, Math.Min(Slice, _bytes.Length - sent)), cancellationToken).ConfigureAwait(false);
            _onProgress();
        }
    }
}
