namespace VolSync.Auth;

/// <summary>
/// The explicit part of Databricks unified authentication: what the user said on the command line, in MSBuild
/// properties or in code. Everything left null is looked up in the environment, then in the config file.
/// Secrets are deliberately absent: they only come from the environment, a profile or a credential helper.
/// </summary>
public sealed class AuthSettings
{
    /// <summary>Workspace URL, e.g. <c>https://adb-123.azuredatabricks.net</c>. <c>http://</c> only for loopback.</summary>
    public string? Host { get; init; }

    /// <summary>A <c>~/.databrickscfg</c> profile name.</summary>
    public string? Profile { get; init; }

    /// <summary>Forces one provider, like <c>DATABRICKS_AUTH_TYPE</c>: <c>pat</c>, <c>oauth-m2m</c>, <c>databricks-cli</c>, <c>github-oidc</c>, <c>azure-client-secret</c>, <c>azure-cli</c>, <c>azure-msi</c>, <c>github-oidc-azure</c>.</summary>
    public string? AuthType { get; init; }

    /// <summary>Reads an environment variable. Null means the process environment; tests pass their own.</summary>
    public Func<string, string?>? GetEnvironmentVariable { get; init; }

    /// <summary>The user's home folder (for <c>~/.databrickscfg</c>). Null means the current user's.</summary>
    public string? HomeDirectory { get; init; }

    private HttpMessageHandler? _httpHandler;

    /// <summary>
    /// Sends the token-endpoint, OIDC, Entra ID and managed-identity requests; null means a default handler. Hosts
    /// pass their run's <see cref="Remote.Databricks.DatabricksTransport.AuthHandler"/> (through
    /// <see cref="Remote.Databricks.DatabricksConnection"/>); tests may pass their own. Redirects are never followed:
    /// VolSync turns off a handler's automatic redirects and refuses an answer that came from elsewhere.
    /// </summary>
    public HttpMessageHandler? HttpHandler
    {
        get => _httpHandler;
        init => _httpHandler = value;
    }

    /// <summary>Receives token requests and databricks CLI runs at Debug level (never a token or secret). Null means none.</summary>
    public Diagnostics.ISyncLogger? Logger { get; init; }

    /// <summary>These settings with <paramref name="handler"/> sending their requests (every other setting, present or future, copied).</summary>
    internal AuthSettings WithHttpHandler(HttpMessageHandler handler)
    {
        var copy = (AuthSettings)MemberwiseClone();
        copy._httpHandler = handler;
        return copy;
    }

    /// <summary>Explicit settings only: no secret lives here.</summary>
    public override string ToString() => $"AuthSettings {{ Host = {Host ?? "(unset)"}, Profile = {Profile ?? "(unset)"}, AuthType = {AuthType ?? "(unset)"} }}";
}
