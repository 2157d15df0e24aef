namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// Presigned part URLs, minted in batches of √parts (as the SDKs do: few requests, yet no URL minted long before
/// its part is sent) and re-minted one at a time when a URL has expired. <see cref="NextAsync"/> is called by the
/// one loop that reads the parts in order; <see cref="RemintAsync"/> by any part.
/// </summary>
internal sealed class PartUrlSource(DatabricksClient client, string filePath, string sessionToken, int partCount)
{
    private readonly int _batch = Math.Clamp((int)Math.Ceiling(Math.Sqrt(partCount)), 1, 100);
    private readonly Dictionary<int, PresignedUrl> _ready = [];

    public async ValueTask<PresignedUrl> NextAsync(int partNumber, CancellationToken cancellationToken)
    {
        if (_ready.Remove(partNumber, out var url))
        {
            return url;
        }

        _ready.Clear();
        var count = Math.Min(_batch, partCount - partNumber + 1);
        foreach (var minted in await client.CreateUploadPartUrlsAsync(filePath, sessionToken, partNumber, count, cancellationToken).ConfigureAwait(false))
        {
            _ready[minted.PartNumber] = minted;
        }

        return _ready.Remove(partNumber, out url) ? url : throw DatabricksClient.MissingPartUrl(filePath, partNumber);
    }

    public async Task<PresignedUrl> RemintAsync(int partNumber, CancellationToken cancellationToken)
    {
        var minted = await client.CreateUploadPartUrlsAsync(filePath, sessionToken, partNumber, 1, cancellationToken).ConfigureAwait(false);
        return minted.FirstOrDefault(u => u.PartNumber == partNumber) ?? throw DatabricksClient.MissingPartUrl(filePath, partNumber);
    }
}
