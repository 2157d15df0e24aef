using System.Text.Json;
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
    private readonly Uri _idTokenRequestUrl;
    private readonly string _idTokenRequestToken;
    private readonly string? _audience;
    private readonly HttpClient _http;
    private readonly OAuthEndpoint _endpoint;

    public GitHubOidcCredentials(
        Uri host, string clientId, Uri idTokenRequestUrl, string idTokenRequestToken, string? audience, string origin,
        HttpClient http, ISyncLogger? logger, TimeProvider? time = null)
        : base(time, logger)
    {
        OAuthEndpoint.EnsureSecure(idTokenRequestUrl, "GitHub Actions ID token (ACTIONS_ID_TOKEN_REQUEST_URL)");
        _clientId = clientId;
        _idTokenRequestUrl = idTokenRequestUrl;
        _idTokenRequestToken = idTokenRequestToken;
        _audience = audience;
        _http = http;
        Identity = $"service principal {clientId} (github-oidc, {origin})";
        _endpoint = new OAuthEndpoint(http, host, Logger, () => Now);
    }

    public override string AuthType => "github-oidc";

    public override string Identity { get; }

    protected override async Task<OAuthToken> FetchTokenAsync(CancellationToken cancellationToken)
    {
        var tokenEndpoint = await _endpoint.GetTokenEndpointAsync(cancellationToken).ConfigureAwait(false);
        var audience = _audience ?? tokenEndpoint.AbsoluteUri;
        var idToken = await GetIdTokenAsync(audience, cancellationToken).ConfigureAwait(false);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:jwt",
            ["subject_token"] = idToken,
            ["scope"] = "all-apis",
            ["client_id"] = _clientId,
        };
        return await _endpoint.RequestTokenAsync(
            tokenEndpoint, form, authorization: null, Identity, [idToken, _idTokenRequestToken], cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> GetIdTokenAsync(string audience, CancellationToken cancellationToken)
    {
        var separator = _idTokenRequestUrl.Query.Length == 0 ? "?" : "&";
        var url = new Uri(_idTokenRequestUrl.AbsoluteUri + separator + "audience=" + Uri.EscapeDataString(audience));
        var shown = Redaction.Url(_idTokenRequestUrl);
        string body;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new("Bearer", _idTokenRequestToken);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            Logger.Log(SyncLogLevel.Debug, $"auth: GET {shown} (GitHub Actions ID token, audience {audience}) -> {(int)response.StatusCode}");
            AuthHttp.EnsureNotRedirected(response, url, "GitHub Actions ID token");
            if (!response.IsSuccessStatusCode)
            {
                throw DiagnosticCodes.AuthIdTokenRequestFailed.ToException(shown, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        catch (Exception ex) when (OAuthEndpoint.IsTransportFailure(ex, cancellationToken))
        {
            throw DiagnosticCodes.AuthIdTokenRequestFailed.ToException(ex, shown, ex.Message);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("value", out var value)
                && value.ValueKind == JsonValueKind.String
                && !string.IsNullOrEmpty(value.GetString()))
            {
                return value.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        throw DiagnosticCodes.AuthIdTokenRequestFailed.ToException(shown, "the response has no 'value'");
    }
}
