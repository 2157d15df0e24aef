using VolSync.Diagnostics;

namespace VolSync.Auth.Providers;

/// <summary>
/// Workload identity federation from GitHub Actions: the job's OIDC ID token (from
/// <c>ACTIONS_ID_TOKEN_REQUEST_URL</c>) is exchanged at the workspace token endpoint for a Databricks token
/// (RFC 8693 token exchange, <c>client_id</c> of the service principal, no secret).
/// </summary>
internal sealed class GitHubOidcCredentials : RefreshingCredentials
{
    private readonly string _clientId;
    private readonly GitHubIdTokenClient _idTokens;
    private readonly string? _audience;
    private readonly OAuthEndpoint _endpoint;

    public GitHubOidcCredentials(
        Uri host, string clientId, GitHubIdTokenClient idTokens, string? audience, string origin,
        HttpClient http, ISyncLogger? logger, TimeProvider? time = null)
        : base(time, logger)
    {
        _clientId = clientId;
        _idTokens = idTokens;
        _audience = audience;
        Identity = $"service principal {clientId} (github-oidc, {origin})";
        _endpoint = new OAuthEndpoint(http, host, Logger, () => Now);
    }

    public override string AuthType => "github-oidc";

    public override string Identity { get; }

    protected override async Task<OAuthToken> FetchTokenAsync(CancellationToken cancellationToken)
    {
        var tokenEndpoint = await _endpoint.GetTokenEndpointAsync(cancellationToken).ConfigureAwait(false);
        var audience = _audience ?? tokenEndpoint.AbsoluteUri;
        var idToken = await _idTokens.GetAsync(audience, cancellationToken).ConfigureAwait(false);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:jwt",
            ["subject_token"] = idToken,
            ["scope"] = "all-apis",
            ["client_id"] = _clientId,
        };
        return await _endpoint.RequestTokenAsync(
            tokenEndpoint, form, authorization: null, Identity, [idToken, _idTokens.RequestToken], cancellationToken).ConfigureAwait(false);
    }
}
