using System.Text.Json;
using VolSync.Diagnostics;

namespace VolSync.Auth.Providers;

/// <summary>
/// Asks GitHub Actions for the job's OIDC ID token (<c>ACTIONS_ID_TOKEN_REQUEST_URL</c> with
/// <c>&amp;audience=…</c>, authorised by <c>ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>). Used by the Databricks and the
/// Azure federation, which ask for different audiences.
/// </summary>
internal sealed class GitHubIdTokenClient
{
    private readonly Uri _requestUrl;
    private readonly HttpClient _http;
    private readonly ISyncLogger _logger;

    public GitHubIdTokenClient(Uri requestUrl, string requestToken, HttpClient http, ISyncLogger logger)
    {
        OAuthEndpoint.EnsureSecure(requestUrl, "GitHub Actions ID token (ACTIONS_ID_TOKEN_REQUEST_URL)");
        _requestUrl = requestUrl;
        RequestToken = requestToken;
        _http = http;
        _logger = logger;
    }

    /// <summary>The bearer token of the request: a secret, listed so error text can be scrubbed of it.</summary>
    public string RequestToken { get; }

    public async Task<string> GetAsync(string audience, CancellationToken cancellationToken)
    {
        var separator = _requestUrl.Query.Length == 0 ? "?" : "&";
        var url = new Uri(_requestUrl.AbsoluteUri + separator + "audience=" + Uri.EscapeDataString(audience));
        var shown = Redaction.Url(_requestUrl);
        string body;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new("Bearer", RequestToken);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            _logger.Log(SyncLogLevel.Debug, $"auth: GET {shown} (GitHub Actions ID token, audience {audience}) -> {(int)response.StatusCode}");
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
