namespace VolSync.Releases;

/// <summary>
/// Where VolSync keeps its own files under a remote root (SPEC §8), and the rules for the relative paths and ids
/// those files contain. <c>.volsync/</c> belongs to VolSync: it is never synced from local files and never reported
/// as a user file.
/// </summary>
internal static class ReleaseLayout
{
    /// <summary>The folder under the remote root: <c>.volsync</c>.</summary>
    public const string DirectoryName = ".volsync";

    /// <summary><c>latest.json</c>, written last: its presence means the release it holds is complete.</summary>
    public const string LatestFileName = "latest.json";

    /// <summary><c>releases</c>: one <c>&lt;id&gt;.json</c> per release.</summary>
    public const string ReleasesDirectoryName = "releases";

    private const string ManifestExtension = ".json";

    /// <summary><c>&lt;root&gt;/.volsync</c>.</summary>
    public static string VolSyncDirectory(string remoteRoot) => remoteRoot.TrimEnd('/') + "/" + DirectoryName;

    /// <summary><c>&lt;root&gt;/.volsync/latest.json</c>.</summary>
    public static string LatestPath(string remoteRoot) => VolSyncDirectory(remoteRoot) + "/" + LatestFileName;

    /// <summary><c>&lt;root&gt;/.volsync/releases</c>.</summary>
    public static string ReleasesDirectory(string remoteRoot) => VolSyncDirectory(remoteRoot) + "/" + ReleasesDirectoryName;

    /// <summary><c>&lt;root&gt;/.volsync/releases/&lt;id&gt;.json</c>.</summary>
    public static string ManifestPath(string remoteRoot, string releaseId) => ReleasesDirectory(remoteRoot) + "/" + releaseId + ManifestExtension;

    /// <summary>The release id of a file name in <c>releases/</c>, or null for names VolSync did not write.</summary>
    public static string? ReleaseIdOfFileName(string fileName) =>
        fileName.EndsWith(ManifestExtension, StringComparison.Ordinal) && ReleaseId.IsValid(fileName[..^ManifestExtension.Length])
            ? fileName[..^ManifestExtension.Length]
            : null;

    /// <summary>True for a relative path (with <c>/</c>) that lies in VolSync's own top-level folder.</summary>
    public static bool IsVolSyncPath(string relativePath) =>
        relativePath.StartsWith(DirectoryName + "/", StringComparison.Ordinal) || string.Equals(relativePath, DirectoryName, StringComparison.Ordinal);

    /// <summary>
    /// A path a manifest may contain: relative, <c>/</c>-separated, no empty, <c>.</c> or <c>..</c> segment, no
    /// <c>\</c>, no NUL (no file system has it in a name). Joined to a folder with <c>/</c>, such a path stays inside it
    /// (pull still checks the full path, for platforms with drive letters). Other control characters are allowed: a
    /// file name may hold a newline or a tab (POSIX and the Files API allow it), such files sync and round-trip, and
    /// people see them escaped (DisplayText).
    /// </summary>
    public static bool IsSafeRelativePath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] == '/' || path.Contains('\\', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                return false;
            }
        }

        return true;
    }
}
