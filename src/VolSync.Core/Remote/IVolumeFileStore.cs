namespace VolSync.Remote;

/// <summary>
/// A volume store that can also read and delete: what releases need (reading <c>latest.json</c> and manifests,
/// verify, pull, prune). The Databricks Files API client implements it. Paths are absolute, unescaped, with
/// <c>/</c> separators, as in <see cref="IVolumeStore"/>. Failures throw <see cref="Diagnostics.VolSyncException"/>.
/// </summary>
public interface IVolumeFileStore : IVolumeStore
{
    /// <summary>The file's content as a stream read from the remote (dispose it), or null when no file is at <paramref name="filePath"/>.</summary>
    Task<Stream?> TryOpenReadAsync(string filePath, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file; false when there was none (already gone is not an error).</summary>
    Task<bool> TryDeleteFileAsync(string filePath, CancellationToken cancellationToken = default);

    /// <summary>Deletes an empty directory; false when there was none. A directory that is not empty is refused (throws).</summary>
    Task<bool> TryDeleteDirectoryAsync(string directoryPath, CancellationToken cancellationToken = default);
}
