namespace VolSync.Discovery;

/// <summary>
/// One selected local file as discovery saw it. For a symbolic link, <see cref="Size"/> and
/// <see cref="LastWriteUtcTicks"/> are those of its target, whose content is what gets uploaded.
/// </summary>
/// <param name="FullPath">Absolute path (the link itself for a symbolic link).</param>
/// <param name="RelativePath">Path under the root with <c>/</c> separators.</param>
/// <param name="Size">Bytes.</param>
/// <param name="LastWriteUtcTicks">Last write time, UTC ticks.</param>
internal sealed record LocalFile(string FullPath, string RelativePath, long Size, long LastWriteUtcTicks)
{
    /// <summary>The last path component.</summary>
    public string Name => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    /// <summary>The directory part of <see cref="RelativePath"/>; empty at the root.</summary>
    public string RelativeDirectory => RelativePath.LastIndexOf('/') is var i and >= 0 ? RelativePath[..i] : string.Empty;
}

/// <summary>A file or folder discovery could not read: a failure of that entry, not of the run.</summary>
internal sealed record DiscoveryFailure(string FullPath, string RelativePath, string Code, string Message);

/// <summary>What discovery found, both lists in ordinal relative-path order.</summary>
internal sealed record DiscoveryResult(IReadOnlyList<LocalFile> Files, IReadOnlyList<DiscoveryFailure> Failures);
