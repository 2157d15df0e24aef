namespace VolSync.Remote;

/// <summary>
/// The engine's narrow view of the remote: list one directory, upload one file. The Databricks Files API client
/// implements it over HTTP; tests use an in-memory one. Paths are absolute (<c>/Volumes/c/s/v/dir/file</c>),
/// unescaped, with <c>/</c> separators.
/// </summary>
public interface IVolumeStore
{
    /// <summary>
    /// The immediate children of <paramref name="directoryPath"/>, following every page.
    /// A directory that does not exist yields nothing (it is not an error: nothing is there yet).
    /// </summary>
    IAsyncEnumerable<RemoteEntry> ListDirectoryAsync(string directoryPath, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads <paramref name="length"/> bytes to <paramref name="filePath"/>, creating missing parents.
    /// <paramref name="openContent"/> is called once per attempt (retries re-open the source), and the stream it
    /// returns is disposed by the store. Throws <see cref="Diagnostics.VolSyncException"/> on failure.
    /// </summary>
    Task UploadAsync(string filePath, Func<CancellationToken, ValueTask<Stream>> openContent, long length, bool overwrite, CancellationToken cancellationToken = default);

    /// <summary>
    /// How a file of <paramref name="length"/> bytes would be uploaded to <paramref name="filePath"/> (named in
    /// messages only) with <paramref name="options"/>; throws a coded <see cref="Diagnostics.VolSyncException"/> when
    /// no route can take it. Sends nothing. A store without multipart uploads everything with one PUT.
    /// </summary>
    UploadRoute PlanUpload(string filePath, long length, UploadOptions options) => UploadRoute.SinglePut;

    /// <summary>
    /// Uploads like <see cref="UploadAsync(string, Func{CancellationToken, ValueTask{Stream}}, long, bool, CancellationToken)"/>
    /// with per-upload options (multipart threshold, shared transfer slots) and returns the route actually taken
    /// (a multipart upload the workspace refuses falls back to one PUT). In parts, <paramref name="openContent"/>
    /// is read once, in order, so the content is checked as it is read exactly as for one PUT.
    /// </summary>
    async Task<UploadRoute> UploadAsync(string filePath, Func<CancellationToken, ValueTask<Stream>> openContent, long length, UploadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await UploadAsync(filePath, openContent, length, options.Overwrite, cancellationToken).ConfigureAwait(false);
        return UploadRoute.SinglePut;
    }
}

/// <summary>One entry of a remote directory listing.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Name">Last path component.</param>
/// <param name="IsDirectory">True for directories.</param>
/// <param name="FileSize">Bytes; 0 for directories.</param>
/// <param name="LastModified">Server modification time, when the server reports one.</param>
public sealed record RemoteEntry(string Path, string Name, bool IsDirectory, long FileSize, DateTimeOffset? LastModified);
