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
}

/// <summary>One entry of a remote directory listing.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Name">Last path component.</param>
/// <param name="IsDirectory">True for directories.</param>
/// <param name="FileSize">Bytes; 0 for directories.</param>
/// <param name="LastModified">Server modification time, when the server reports one.</param>
public sealed record RemoteEntry(string Path, string Name, bool IsDirectory, long FileSize, DateTimeOffset? LastModified);
