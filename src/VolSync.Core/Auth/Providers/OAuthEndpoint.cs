using System.Net.Http.Headers;
using System.Text.Json;
using VolSync.Diagnostics;

namespace VolSync.Auth.Providers;

/// <summary>
/// The workspace's OAuth endpoint: discovered once from <c>{host}/oidc/.well-known/oauth-authorization-server</c>,
/// then asked for tokens. Shared by OAuth M2M and OIDC federation, which differ only in the form they post.
/// </summary>
internal sealed class OAuthEndpoint
{
    private readonly HttpClient _http;
    private readonly Uri _host;
    private readonly ISyncLogger _logger;
    private readonly TokenClient _tokens;
    private Uri? _tokenEndpoint;

    public OAuthEndpoint(HttpClient http, Uri host, ISyncLogger logger, Func<DateTimeOffset> now)
    {
        _http = http;
        _host = host;
        _logger = logger;
        _tokens = new TokenClient(http, logger, now, DiagnosticCodes.AuthTokenRequestFailed, DiagnosticCodes.AuthTokenResponseInvalid);
    }

    public Uri DiscoveryUrl => new(_host.AbsoluteUri.TrimEnd('/') + "/oidc/.well-known/oauth-authorization-server");

    public async Task<Uri> GetTokenEndpointAsync(CancellationToken cancellationToken)
    {
        if (_tokenEndpoint is not null)
        {
            return _tokenEndpoint;
        }

        var discovery = DiscoveryUrl;
        string body;
        try
        {
            using var response = await _http.GetAsync(discovery, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            _logger.Log(SyncLogLevel.Debug, $"auth: GET {discovery} -> {(int)response.StatusCode}");
            AuthHttp.EnsureNotRedirected(response, discovery, "OAuth discovery");
            if (!response.IsSuccessStatusCode)
            {
                throw DiagnosticCodes.AuthDiscoveryFailed.ToException(discovery, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw DiagnosticCodes.AuthDiscoveryFailed.ToException(ex, discovery, ex.Message);
        }

        string? endpoint = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("token_endpoint", out var value)
                && value.ValueKind == JsonValueKind.String)
            {
                endpoint = value.GetString();
            }
        }
        catch (JsonException)
        {
        }

        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var tokenEndpoint))
        {
            throw DiagnosticCodes.AuthDiscoveryFailed.ToException(discovery, "it has no token_endpoint");
        }

        EnsureSecure(tokenEndpoint, "OAuth token endpoint");
        if (!DatabricksHost.IsSameOrigin(tokenEndpoint, _host))
        {
            throw DiagnosticCodes.AuthTokenEndpointForeign.ToException(discovery, Redaction.Url(tokenEndpoint), _host.GetLeftPart(UriPartial.Authority));
        }

        _tokenEndpoint = tokenEndpoint;
        return tokenEndpoint;
    }

    /// <summary>Posts a token request to the workspace's token endpoint (VOLSYNC1101/1102 when it fails).</summary>
    public Task<OAuthToken> RequestTokenAsync(
        Uri tokenEndpoint, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? authorization,
        string identity, string[] secrets, CancellationToken cancellationToken) =>
        _tokens.PostFormAsync(tokenEndpoint, form, authorization, identity, secrets, cancellationToken);

    /// <summary>https://, or http:// to loopback: the rule of <see cref="DatabricksHost"/>, applied to other URLs credentials go to.</summary>
    internal static void EnsureSecure(Uri url, string what)
    {
        if (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && DatabricksHost.IsLoopback(url)))
        {
            return;
        }

        throw DiagnosticCodes.AuthEndpointInsecure.ToException(what, Redaction.Url(url));
    }

    internal static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
