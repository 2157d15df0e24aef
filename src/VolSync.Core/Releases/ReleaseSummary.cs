using VolSync.Naming;

namespace VolSync.Releases;

/// <summary>One release of a remote root, as <c>volsync releases</c> lists it.</summary>
/// <param name="Id">The release id.</param>
/// <param name="Created">When it was recorded; null when its manifest could not be read.</param>
/// <param name="FileCount">Files in the release.</param>
/// <param name="TotalSize">Bytes of all its files.</param>
/// <param name="Naming">How its files are named.</param>
/// <param name="Source">What it was built from, when recorded.</param>
/// <param name="IsLatest">True for the release <c>latest.json</c> names.</param>
/// <param name="ManifestPath">Absolute remote path of its manifest.</param>
/// <param name="Error">Why its manifest could not be read (coded message), else null.</param>
/// <param name="ErrorCode">The <c>VOLSYNC####</c> code of <paramref name="Error"/>.</param>
public sealed record ReleaseSummary(
    string Id,
    DateTimeOffset? Created,
    int FileCount,
    long TotalSize,
    NamingMode Naming,
    ReleaseSource? Source,
    bool IsLatest,
    string ManifestPath,
    string? Error = null,
    string? ErrorCode = null)
{
    internal static ReleaseSummary Of(ReleaseManifest manifest, bool isLatest, string manifestPath) =>
        new(manifest.Id, manifest.Created, manifest.Files.Count, manifest.TotalSize, manifest.Naming, manifest.Source, isLatest, manifestPath);
}

/// <summary>The releases of one remote root, newest first.</summary>
public sealed class ReleaseListResult
{
    public required string RemoteRoot { get; init; }

    /// <summary>The id <c>latest.json</c> names; null when the root has no release.</summary>
    public string? LatestId { get; init; }

    /// <summary>Newest first (ids sort by time).</summary>
    public required IReadOnlyList<ReleaseSummary> Releases { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>True when every manifest could be read.</summary>
    public bool Succeeded => Releases.All(r => r.Error is null);
}
