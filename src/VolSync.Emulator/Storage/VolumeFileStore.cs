using VolSync.Emulator.Errors;

namespace VolSync.Emulator.Storage;

/// <summary>
/// Files and directories of the volumes, stored as plain files under the root. Uploads stream into a hidden
/// temp file beside the target and are renamed over it only once complete, so a broken upload leaves nothing.
/// </summary>
internal sealed class VolumeFileStore
{
    public const string TempPrefix = ".volsync-upload-";
    private const int CopyBufferSize = 81920;

    private readonly CatalogStore _catalog;
    private readonly ListingSnapshots _listings = new();

    public VolumeFileStore(CatalogStore catalog) => _catalog = catalog;

    /// <summary>Folder enumerations made for listings (one per listing, however many pages).</summary>
    internal int ListingScans => _listings.Scans;

    /// <summary>Local path of a volume path; 404 unless the volume exists in the catalog.</summary>
    public string Resolve(VolumePath path)
    {
        if (!_catalog.VolumeExists(path.Catalog, path.Schema, path.Volume))
        {
            throw ApiError.NotFound(
                $"The volume {path.VolumeDisplay} does not exist (path '{path.Display}'). Create it with the Unity Catalog volumes API first.",
                "FILES_API_VOLUME_NOT_FOUND");
        }

        var local = _catalog.VolumeDirectory(path.Catalog, path.Schema, path.Volume);
        return path.Relative.Length == 0 ? local : Path.Combine([local, .. path.Relative]);
    }

    // ---- files ----

    public Task PutFileAsync(VolumePath path, Stream body, long? contentLength, bool overwrite, CancellationToken ct) =>
        CommitAsync(path, overwrite, async (stream, token) =>
        {
            await body.CopyToAsync(stream, CopyBufferSize, token).ConfigureAwait(false);
            if (contentLength is { } expected && expected != stream.Length)
            {
                throw ApiError.InvalidParameter(
                    $"The request body had {stream.Length} bytes but Content-Length said {expected}.", "FILES_API_CONTENT_LENGTH_MISMATCH");
            }
        }, ct);

    /// <summary>
    /// Writes a file all or nothing: <paramref name="write"/> fills a hidden temp file beside the target, which is
    /// renamed over it only once complete. Single PUTs and assembled multipart uploads both land this way.
    /// </summary>
    public async Task CommitAsync(VolumePath path, bool overwrite, Func<FileStream, CancellationToken, Task> write, CancellationToken ct)
    {
        var target = PrepareTarget(path, overwrite);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $"{TempPrefix}{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            MoveIntoPlace(temp, target, path, overwrite);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Renames a complete, flushed file (on the same file system) over the target, with the checks of <see cref="CommitAsync"/>.</summary>
    public void CommitFile(VolumePath path, bool overwrite, string readyFile) =>
        MoveIntoPlace(readyFile, PrepareTarget(path, overwrite), path, overwrite);

    /// <summary>The local target of a write: 409 for a directory there or an existing file that must not be replaced; parents created.</summary>
    private string PrepareTarget(VolumePath path, bool overwrite)
    {
        var target = Resolve(path);
        if (path.IsVolumeRoot || Directory.Exists(target))
        {
            throw ApiError.AlreadyExists(
                $"The path '{path.Display}' is an existing directory; a file cannot be written there.", "FILES_API_PATH_IS_A_DIRECTORY");
        }

        if (!overwrite && File.Exists(target))
        {
            throw FileAlreadyExists(path);
        }

        CreateParents(path, Path.GetDirectoryName(target)!);
        return target;
    }

    private static void MoveIntoPlace(string source, string target, VolumePath path, bool overwrite)
    {
        if (Directory.Exists(target))
        {
            throw ApiError.AlreadyExists(
                $"The path '{path.Display}' is an existing directory; a file cannot be written there.", "FILES_API_PATH_IS_A_DIRECTORY");
        }

        try
        {
            File.Move(source, target, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(target))
        {
            throw FileAlreadyExists(path);
        }
    }

    public FileInfo GetFile(VolumePath path)
    {
        var local = Resolve(path);
        var info = new FileInfo(local);
        if (path.IsVolumeRoot || !info.Exists || IsHidden(info.Name))
        {
            throw FileMissing(path);
        }

        return info;
    }

    public void DeleteFile(VolumePath path)
    {
        var info = GetFile(path);
        try
        {
            info.Delete();
        }
        catch (FileNotFoundException)
        {
            throw FileMissing(path);
        }
    }

    // ---- directories ----

    public void CreateDirectory(VolumePath path)
    {
        var local = Resolve(path);
        CreateParents(path, local);
    }

    public bool DirectoryExists(VolumePath path) => Directory.Exists(Resolve(path));

    public void DeleteDirectory(VolumePath path)
    {
        var local = Resolve(path);
        if (!Directory.Exists(local))
        {
            throw DirectoryMissing(path);
        }

        if (path.IsVolumeRoot)
        {
            throw ApiError.InvalidParameter(
                $"The path '{path.Display}' is the root of a volume; delete the volume with the Unity Catalog API instead.", "FILES_API_INVALID_PATH");
        }

        if (new DirectoryInfo(local).EnumerateFileSystemInfos().Any(e => !IsHidden(e.Name)))
        {
            throw ApiError.InvalidParameter(
                $"The directory '{path.Display}' is not empty. Delete its contents first.", "FILES_API_DIRECTORY_IS_NOT_EMPTY");
        }

        try
        {
            Directory.Delete(local, recursive: false);
        }
        catch (DirectoryNotFoundException)
        {
            throw DirectoryMissing(path);
        }
        catch (IOException)
        {
            throw ApiError.InvalidParameter(
                $"The directory '{path.Display}' is not empty. Delete its contents first.", "FILES_API_DIRECTORY_IS_NOT_EMPTY");
        }
    }

    /// <summary>
    /// One page of immediate children, sorted by name (ordinal), paged from one snapshot of the folder taken by the
    /// first page (see <see cref="ListingSnapshots"/>).
    /// </summary>
    public (IReadOnlyList<DirectoryEntry> Entries, string? NextPageToken) List(VolumePath path, int pageSize, string? pageToken)
    {
        var local = Resolve(path);
        var directory = new DirectoryInfo(local);
        if (!directory.Exists)
        {
            throw DirectoryMissing(path);
        }

        return _listings.Page(path, directory, pageSize, pageToken);
    }

    public static bool IsHidden(string name) => name.StartsWith(TempPrefix, StringComparison.Ordinal);

    /// <summary>mkdir -p, answering 409 when a file stands where a directory should be.</summary>
    private static void CreateParents(VolumePath path, string folder)
    {
        if (File.Exists(folder))
        {
            throw FileInTheWay(path);
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (IOException ex) when (ex is not PathTooLongException)
        {
            // A file where a parent directory should be; a path the disk cannot hold is a storage failure (500).
            throw FileInTheWay(path);
        }
    }

    private static ApiError FileInTheWay(VolumePath path) =>
        ApiError.AlreadyExists(
            $"The path '{path.Display}' or one of its parents points to an existing file. This API does not support operations on files there.",
            "FILES_API_PATH_IS_A_FILE");

    public static ApiError FileAlreadyExists(VolumePath path) =>
        ApiError.AlreadyExists($"The file being created already exists: '{path.Display}'. Use overwrite=true to replace it.", "FILES_API_FILE_ALREADY_EXISTS");

    public static ApiError FileMissing(VolumePath path) =>
        ApiError.NotFound($"The file '{path.Display}' does not exist.", "FILES_API_FILE_IS_NOT_FOUND");

    public static ApiError DirectoryMissing(VolumePath path) =>
        ApiError.NotFound($"The directory '{path.Display}' does not exist.", "FILES_API_DIRECTORY_IS_NOT_FOUND");

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Best effort: a temp file we cannot delete is hidden from listings anyway.
        }
    }
}
