using System.Net;

namespace VolSync.Remote.Databricks;

// IVolumeFileStore: reads and deletes where "nothing there" is an answer, not an error (releases, prune, verify, pull).
public sealed partial class DatabricksClient : IVolumeFileStore
{
    /// <summary>Downloads a file (<c>GET /api/2.0/fs/files{path}</c>), or null on 404. Dispose the stream to release the connection.</summary>
    public async Task<Stream?> TryOpenReadAsync(string filePath, CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(filePath);
        var request = new ApiRequest("download", filePath, HttpMethod.Get, FilesPrefix + PathEscaper.EscapePath(filePath))
        {
            Accept = "application/octet-stream",
            Completion = HttpCompletionOption.ResponseHeadersRead,
            AcceptStatus = HttpStatusCode.NotFound,
        };
        // The body is read after this returns, so the request keeps its slot until the stream is disposed.
        var (response, slot) = await SendHoldingSlotAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            slot.Dispose();
            return null;
        }

        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ResponseStream(response, body, filePath, Options.InactivityTimeout, slot);
        }
        catch
        {
            response.Dispose();
            slot.Dispose();
            throw;
        }
    }

    /// <summary><c>DELETE /api/2.0/fs/files{path}</c>; false on 404 (nothing was there, or a retried delete already succeeded).</summary>
    public async Task<bool> TryDeleteFileAsync(string filePath, CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(filePath);
        var request = new ApiRequest("delete file", filePath, HttpMethod.Delete, FilesPrefix + PathEscaper.EscapePath(filePath))
        {
            AcceptStatus = HttpStatusCode.NotFound,
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary>
    /// <c>DELETE /api/2.0/fs/directories{path}</c>; false on 404 (on some clouds a folder vanishes with its last file).
    /// A folder that is not empty fails with 400 <c>FILES_API_DIRECTORY_IS_NOT_EMPTY</c> (VOLSYNC1009).
    /// </summary>
    public async Task<bool> TryDeleteDirectoryAsync(string directoryPath, CancellationToken cancellationToken = default)
    {
        EnsureAbsolute(directoryPath);
        var request = new ApiRequest("delete directory", directoryPath, HttpMethod.Delete, DirectoriesPrefix + PathEscaper.EscapePath(directoryPath))
        {
            AcceptStatus = HttpStatusCode.NotFound,
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }
}
