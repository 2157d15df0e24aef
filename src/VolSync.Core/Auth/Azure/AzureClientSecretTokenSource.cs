using VolSync.Auth.Providers;

namespace VolSync.Auth.Azure;

/// <summary>
/// <c>azure-client-secret</c>: an Entra ID app registration's client id and secret traded for tokens with the
/// client-credentials grant at <c>{authority}/{tenant}/oauth2/v2.0/token</c>.
/// </summary>
internal sealed class AzureClientSecretTokenSource : AzureTokenSource
{
    private readonly AzureContext _azure;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly TokenClient _entra;

    public AzureClientSecretTokenSource(AzureContext azure, string clientId, string clientSecret, string origin, TokenClient entra)
    {
        _azure = azure;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _entra = entra;
        Identity = $"Entra ID service principal {clientId} (azure-client-secret, {origin})";
    }

    public override string AuthType => "azure-client-secret";

    public override string Identity { get; }

    public override async Task<OAuthToken> GetTokenAsync(string resource, CancellationToken cancellationToken)
    {
        var tenant = await _azure.Tenant.GetAsync(cancellationToken).ConfigureAwait(false);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _clientId,
            ["client_secret"] = _clientSecret,
            ["scope"] = AzureContext.Scope(resource),
        };
        return await _entra.PostFormAsync(_azure.TokenEndpoint(tenant), form, authorization: null, Identity, [_clientSecret], cancellationToken).ConfigureAwait(false);
    }
}
