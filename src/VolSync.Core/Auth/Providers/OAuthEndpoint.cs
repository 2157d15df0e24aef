using System.Diagnostics;
using System.Globalization;
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
    private readonly Func<DateTimeOffset> _now;
    private Uri? _tokenEndpoint;

    public OAuthEndpoint(HttpClient http, Uri host, ISyncLogger logger, Func<DateTimeOffset> now)
    {
        _http = http;
        _host = host;
        _logger = logger;
        _now = now;
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

    /// <summary>
    /// Posts a token request and reads the standard response (<c>expires_in</c> as a number or a string). An error
    /// body is shown scrubbed of <paramref name="secrets"/> and of the Authorization header sent.
    /// </summary>
    public async Task<OAuthToken> RequestTokenAsync(
        Uri tokenEndpoint, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? authorization,
        string identity, string[] secrets, CancellationToken cancellationToken)
    {
        var grant = form.FirstOrDefault(pair => pair.Key == "grant_type").Value;
        var shown = Redaction.Url(tokenEndpoint);
        string[] scrubbed = authorization is null ? secrets : [.. secrets, .. Redaction.CredentialForms(authorization.ToString())];
        var started = Stopwatch.GetTimestamp();
        string body;
        int status;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = authorization;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            _logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"auth: POST {shown} ({grant}) for {identity} -> {status} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms"));
            AuthHttp.EnsureNotRedirected(response, tokenEndpoint, "OAuth token");
            if (!response.IsSuccessStatusCode)
            {
                throw DiagnosticCodes.AuthTokenRequestFailed.ToException(identity, shown, $"HTTP {status} {DescribeError(body, scrubbed)}".TrimEnd());
            }
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw DiagnosticCodes.AuthTokenRequestFailed.ToException(ex, identity, shown, ex.Message);
        }

        var token = ParseTokenResponse(body, _now());
        if (token is null)
        {
            throw DiagnosticCodes.AuthTokenResponseInvalid.ToException(shown, "no access_token in the response");
        }

        _logger.Log(SyncLogLevel.Debug, $"auth: new {token} for {identity}");
        return token;
    }

    internal static OAuthToken? ParseTokenResponse(string body, DateTimeOffset now)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("access_token", out var accessToken)
                || accessToken.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(accessToken.GetString()))
            {
                return null;
            }

            var tokenType = root.TryGetProperty("token_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
            DateTimeOffset? expiry = null;
            if (root.TryGetProperty("expires_in", out var expiresIn))
            {
                double seconds = 0;
                var known = expiresIn.ValueKind switch
                {
                    JsonValueKind.Number => expiresIn.TryGetDouble(out seconds),
                    JsonValueKind.String => double.TryParse(expiresIn.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds),
                    _ => false,
                };
                if (known)
                {
                    expiry = now.AddSeconds(seconds);
                }
            }

            return new OAuthToken(accessToken.GetString()!, tokenType, expiry);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The OAuth <c>error</c>/<c>error_description</c> of a failed response, scrubbed of our secrets.</summary>
    internal static string DescribeError(string body, IEnumerable<string?> secrets)
    {
        string text;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var description = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            text = string.Join(": ", new[] { error, description?.TrimEnd('.') }.Where(part => !string.IsNullOrEmpty(part)));
        }
        catch (JsonException)
        {
            text = string.Empty;
        }

        return AuthHttp.Truncate(Redaction.Scrub(text, secrets), 300);
    }

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
