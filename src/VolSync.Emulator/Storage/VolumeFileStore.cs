using System.Buffers.Text;
using System.Text;
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

    public VolumeFileStore(CatalogStore catalog) => _catalog = catalog;

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

    public async Task PutFileAsync(VolumePath path, Stream body, long? contentLength, bool overwrite, CancellationToken ct)
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

        var folder = Path.GetDirectoryName(target)!;
        CreateParents(path, folder);

        var temp = Path.Combine(folder, $"{TempPrefix}{Guid.NewGuid():N}.tmp");
        try
        {
            long written;
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await body.CopyToAsync(stream, CopyBufferSize, ct).ConfigureAwait(false);
                written = stream.Length;
                stream.Flush(flushToDisk: true);
            }

            if (contentLength is { } expected && expected != written)
            {
                throw ApiError.InvalidParameter(
                    $"The request body had {written} bytes but Content-Length said {expected}.", "FILES_API_CONTENT_LENGTH_MISMATCH");
            }

            if (Directory.Exists(target))
            {
                throw ApiError.AlreadyExists(
                    $"The path '{path.Display}' is an existing directory; a file cannot be written there.", "FILES_API_PATH_IS_A_DIRECTORY");
            }

            try
            {
                File.Move(temp, target, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(target))
            {
                throw FileAlreadyExists(path);
            }
        }
        finally
        {
            TryDelete(temp);
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
    /// One page of immediate children, sorted by name (ordinal). The page token is the last name of the
    /// previous page, so pages stay consistent while the directory changes.
    /// </summary>
    public (IReadOnlyList<DirectoryEntry> Entries, string? NextPageToken) List(VolumePath path, int pageSize, string? pageToken)
    {
        var local = Resolve(path);
        var directory = new DirectoryInfo(local);
        if (!directory.Exists)
        {
            throw DirectoryMissing(path);
        }

        var after = pageToken is { Length: > 0 } ? DecodeToken(pageToken) : null;
        var children = directory.EnumerateFileSystemInfos()
            .Where(e => !IsHidden(e.Name))
            .Where(e => after is null || string.CompareOrdinal(e.Name, after) > 0)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();

        var page = new List<DirectoryEntry>(Math.Min(children.Count, pageSize));
        foreach (var child in children.Take(pageSize))
        {
            page.Add(child is FileInfo file
                ? new DirectoryEntry(path.Child(file.Name), file.Name, false, file.Length, new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeMilliseconds())
                : new DirectoryEntry(path.Child(child.Name), child.Name, true, null, null));
        }

        var next = children.Count > pageSize ? EncodeToken(page[^1].Name) : null;
        return (page, next);
    }

    public static bool IsHidden(string name) => name.StartsWith(TempPrefix, StringComparison.Ordinal);

    private static string EncodeToken(string lastName) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("after:" + lastName)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string DecodeToken(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (!Convert.TryFromBase64String(base64, bytes, out var count))
        {
            throw InvalidToken(token);
        }

        var text = Encoding.UTF8.GetString(bytes, 0, count);
        return text.StartsWith("after:", StringComparison.Ordinal) ? text["after:".Length..] : throw InvalidToken(token);
    }

    private static ApiError InvalidToken(string token) =>
        ApiError.InvalidParameter($"Invalid page_token '{token}'.", "FILES_API_INVALID_PAGE_TOKEN");

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

    private static ApiError FileAlreadyExists(VolumePath path) =>
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
