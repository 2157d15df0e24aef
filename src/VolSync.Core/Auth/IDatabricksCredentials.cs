namespace VolSync.Auth;

/// <summary>
/// A source of the <c>Authorization</c> header for Databricks requests. Implementations cache and refresh tokens
/// themselves and are safe to call concurrently. The header value is the only place a secret ever leaves
/// <c>Auth</c>; <see cref="object.ToString"/> and <see cref="Identity"/> never contain it.
/// </summary>
public interface IDatabricksCredentials
{
    /// <summary>The unified-auth type name: <c>pat</c>, <c>oauth-m2m</c>, <c>databricks-cli</c>, <c>github-oidc</c>, <c>azure-client-secret</c>, <c>azure-cli</c>, <c>azure-msi</c>, <c>github-oidc-azure</c>.</summary>
    string AuthType { get; }

    /// <summary>Who we act as, for error messages: e.g. <c>personal access token (profile DEFAULT)</c> or <c>service principal 1234-...</c>. Never a secret.</summary>
    string Identity { get; }

    /// <summary>The full header value, e.g. <c>Bearer dapi...</c>.</summary>
    ValueTask<string> GetAuthorizationHeaderAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Headers to send with every request besides Authorization; none unless a provider needs them (Azure: the
    /// workspace resource id and the service-management token). Values may be secrets, like the Authorization value.
    /// </summary>
    ValueTask<IReadOnlyList<KeyValuePair<string, string>>> GetAdditionalHeadersAsync(CancellationToken cancellationToken = default) =>
        new(Array.Empty<KeyValuePair<string, string>>());
}
