namespace VolSync.Discovery;

/// <summary>
/// One selected local file as discovery saw it. For a symbolic link, <see cref="Size"/>, <see cref="LastWriteUtcTicks"/>
/// and <see cref="Stamp"/> are those of its target, whose content is what gets uploaded. Kept small (a 200 000-file
/// sync holds one per file): the full path is built from the shared root when it is needed.
/// </summary>
/// <param name="Root">Absolute path of the synced folder, shared by every file of a run.</param>
/// <param name="RelativePath">Path under the root with <c>/</c> separators.</param>
/// <param name="Size">Bytes.</param>
/// <param name="LastWriteUtcTicks">Last write time, UTC ticks.</param>
/// <param name="Stamp">Inode and status-change time, when the OS tells them.</param>
internal sealed record LocalFile(string Root, string RelativePath, long Size, long LastWriteUtcTicks, FileChangeStamp Stamp = default)
{
    /// <summary>Absolute path (the link itself for a symbolic link).</summary>
    public string FullPath => PathOf(Root, RelativePath);

    /// <summary>The last path component.</summary>
    public string Name => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    /// <summary>The directory part of <see cref="RelativePath"/>; empty at the root.</summary>
    public string RelativeDirectory => RelativePath.LastIndexOf('/') is var i and >= 0 ? RelativePath[..i] : string.Empty;

    /// <summary>The absolute path of <paramref name="relativePath"/> (<c>/</c> separated) under <paramref name="root"/>.</summary>
    public static string PathOf(string root, string relativePath) =>
        Path.Join(root, Path.DirectorySeparatorChar == '/' ? relativePath : relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// True when the file was empty at discovery and still is, unchanged. Empty files are never opened: their hash is
    /// known, and what .NET cannot tell apart from an empty file (a FIFO, a socket) would block a reader forever.
    /// </summary>
    public bool IsStillEmpty()
    {
        if (Size != 0)
        {
            return false;
        }

        var info = new FileInfo(FullPath);
        if (info.LinkTarget is not null)
        {
            if (info.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo target)
            {
                return false;
            }

            info = target;
        }

        return info.Exists && info.Length == 0 && info.LastWriteTimeUtc.Ticks == LastWriteUtcTicks;
    }
}

/// <summary>A file or folder discovery could not read: a failure of that entry, not of the run.</summary>
internal sealed record DiscoveryFailure(string FullPath, string RelativePath, string Code, string Message);

/// <summary>What discovery found, both lists in ordinal relative-path order.</summary>
internal sealed record DiscoveryResult(IReadOnlyList<LocalFile> Files, IReadOnlyList<DiscoveryFailure> Failures);
