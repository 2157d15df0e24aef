using VolSync.Auth.Providers;

namespace VolSync.Auth.Azure;

/// <summary>
/// <c>github-oidc-azure</c>: the GitHub Actions ID token (audience <c>api://AzureADTokenExchange</c>) presented to
/// Entra ID as the client assertion of an app registration with a federated credential for the repository. No secret.
/// </summary>
internal sealed class AzureGitHubOidcTokenSource : AzureTokenSource
{
    /// <summary>The audience Entra ID expects in federated assertions.</summary>
    public const string Audience = "api://AzureADTokenExchange";

    private readonly AzureContext _azure;
    private readonly string _clientId;
    private readonly GitHubIdTokenClient _idTokens;
    private readonly TokenClient _entra;

    public AzureGitHubOidcTokenSource(AzureContext azure, string clientId, GitHubIdTokenClient idTokens, string origin, TokenClient entra)
    {
        _azure = azure;
        _clientId = clientId;
        _idTokens = idTokens;
        _entra = entra;
        Identity = $"Entra ID service principal {clientId} (github-oidc-azure, {origin})";
    }

    public override string AuthType => "github-oidc-azure";

    public override string Identity { get; }

    public override async Task<OAuthToken> GetTokenAsync(string resource, CancellationToken cancellationToken)
    {
        var tenant = await _azure.Tenant.GetAsync(cancellationToken).ConfigureAwait(false);
        // A fresh ID token per request: GitHub's live five minutes, Entra's an hour.
        var idToken = await _idTokens.GetAsync(Audience, cancellationToken).ConfigureAwait(false);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _clientId,
            ["scope"] = AzureContext.Scope(resource),
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = idToken,
        };
        return await _entra.PostFormAsync(_azure.TokenEndpoint(tenant), form, authorization: null, Identity, [idToken, _idTokens.RequestToken], cancellationToken).ConfigureAwait(false);
    }
}
