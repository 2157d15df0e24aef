namespace VolSync.Auth;

/// <summary>
/// Databricks unified authentication: explicit settings, then environment variables, then <c>~/.databrickscfg</c>,
/// then the <c>databricks</c> CLI. Contract only: the implementation lands with issue 4.
/// </summary>
public static class DatabricksAuth
{
    /// <summary>
    /// Resolves host and credentials. Throws a coded <see cref="Diagnostics.VolSyncException"/> (VOLSYNC1xxx/2xxx)
    /// that lists what was looked at when nothing usable is configured.
    /// </summary>
    public static Task<ResolvedAuth> ResolveAsync(AuthSettings settings, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
