using System.Net.Http.Headers;
using System.Text;
using VolSync.Diagnostics;

namespace VolSync.Auth.Providers;

/// <summary>
/// OAuth machine-to-machine: a service principal's client id and secret traded for a short-lived token with the
/// <c>client_credentials</c> grant (HTTP Basic, <c>scope=all-apis</c>) at the workspace's token endpoint.
/// </summary>
internal sealed class OAuthM2MCredentials : RefreshingCredentials
{
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly OAuthEndpoint _endpoint;

    public OAuthM2MCredentials(Uri host, string clientId, string clientSecret, string origin, HttpClient http, ISyncLogger? logger, TimeProvider? time = null)
        : base(time, logger)
    {
        _clientId = clientId;
        _clientSecret = clientSecret;
        Identity = $"service principal {clientId} (oauth-m2m, {origin})";
        _endpoint = new OAuthEndpoint(http, host, Logger, () => Now);
    }

    public override string AuthType => "oauth-m2m";

    public override string Identity { get; }

    protected override async Task<OAuthToken> FetchTokenAsync(CancellationToken cancellationToken)
    {
        // Like the Python SDK, the id and secret go into Basic as they are: Databricks issues them URL-safe.
        var tokenEndpoint = await _endpoint.GetTokenEndpointAsync(cancellationToken).ConfigureAwait(false);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_clientId}:{_clientSecret}"));
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "all-apis",
        };
        return await _endpoint.RequestTokenAsync(
            tokenEndpoint, form, new AuthenticationHeaderValue("Basic", basic), Identity, [_clientSecret], cancellationToken).ConfigureAwait(false);
    }
}
