namespace VolSync.Releases;

/// <summary>
/// What a release was built from, as far as the host knows (every field optional): the MSBuild project and
/// configuration, the commit (from <c>GITHUB_SHA</c>, <c>BUILD_SOURCEVERSION</c>, <c>CI_COMMIT_SHA</c> or git) and
/// the CI system. Informational only: it never decides whether a release is new.
/// </summary>
public sealed record ReleaseSource
{
    public string? Project { get; init; }

    public string? Configuration { get; init; }

    public string? Commit { get; init; }

    /// <summary>The CI system, e.g. <c>github-actions</c>, <c>azure-pipelines</c>, <c>gitlab-ci</c>; null outside CI.</summary>
    public string? Ci { get; init; }

    internal bool IsEmpty => Project is null && Configuration is null && Commit is null && Ci is null;
}
