using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using VolSync.Diagnostics;
using VolSync.Remote.Databricks;

namespace VolSync.Auth.Providers;

/// <summary>
/// Asks a token endpoint for a token and reads the standard answer. One instance per kind of issuer (the Databricks
/// workspace, Microsoft Entra ID, a managed-identity endpoint), which differ only in the codes and advice they fail with.
/// </summary>
internal sealed class TokenClient
{
    private readonly HttpClient _http;
    private readonly ISyncLogger _logger;
    private readonly Func<DateTimeOffset> _now;
    private readonly DiagnosticDescriptor _requestFailed;
    private readonly DiagnosticDescriptor _responseInvalid;

    /// <param name="requestFailed">Formatted with (identity, endpoint, what went wrong).</param>
    /// <param name="responseInvalid">Formatted with (endpoint, what is wrong with the answer).</param>
    public TokenClient(HttpClient http, ISyncLogger logger, Func<DateTimeOffset> now, DiagnosticDescriptor requestFailed, DiagnosticDescriptor responseInvalid)
    {
        _http = http;
        _logger = logger;
        _now = now;
        _requestFailed = requestFailed;
        _responseInvalid = responseInvalid;
    }

    public HttpClient Http => _http;

    public ISyncLogger Logger => _logger;

    /// <summary>Posts a form (the OAuth token request) with an optional Authorization header.</summary>
    public Task<OAuthToken> PostFormAsync(
        Uri endpoint, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? authorization,
        string identity, string[] secrets, CancellationToken cancellationToken)
    {
        var grant = form.FirstOrDefault(pair => pair.Key == "grant_type").Value;
        string[] scrubbed = authorization is null ? secrets : [.. secrets, .. Redaction.CredentialForms(authorization.ToString())];
        return SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Authorization = authorization;
                return request;
            },
            $"({grant}) for {identity}", identity, scrubbed, cancellationToken);
    }

    /// <summary>
    /// Sends one token request and reads the standard response (<c>expires_in</c> as a number or a string, else
    /// <c>expires_on</c> in Unix seconds). An error body is shown scrubbed of <paramref name="secrets"/>.
    /// </summary>
    public async Task<OAuthToken> SendAsync(Func<HttpRequestMessage> createRequest, string description, string identity, string[] secrets, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = createRequest();
        var endpoint = request.RequestUri!;
        var shown = Redaction.Url(endpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        string body;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            _logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"auth: {request.Method} {shown} {description} -> {status} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms"));
            AuthHttp.EnsureNotRedirected(response, endpoint, "token");
            if (!response.IsSuccessStatusCode)
            {
                throw _requestFailed.ToException(identity, shown, $"HTTP {status} {DescribeError(body, secrets)}".TrimEnd());
            }
        }
        catch (Exception ex) when (OAuthEndpoint.IsTransportFailure(ex, cancellationToken))
        {
            throw _requestFailed.ToException(ex, identity, shown, Redaction.Scrub(ex.Message, secrets));
        }

        var token = ParseTokenResponse(body, _now())
            ?? throw _responseInvalid.ToException(shown, "no access_token in the response");
        _logger.Log(SyncLogLevel.Debug, $"auth: new {token} for {identity}");
        return token;
    }

    internal static OAuthToken? ParseTokenResponse(string body, DateTimeOffset now)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var accessToken = Json.GetString(root, "access_token");
            if (string.IsNullOrEmpty(accessToken))
            {
                return null;
            }

            var tokenType = Json.GetString(root, "token_type");
            DateTimeOffset? expiry = null;
            if (root.TryGetProperty("expires_in", out var expiresIn) && ReadNumber(expiresIn) is { } seconds)
            {
                expiry = now.AddSeconds(seconds);
            }
            else if (root.TryGetProperty("expires_on", out var expiresOn) && ReadNumber(expiresOn) is { } unix)
            {
                // Managed-identity endpoints answer with the expiry as Unix seconds (App Service sends only this).
                expiry = DateTimeOffset.FromUnixTimeSeconds((long)unix);
            }

            return new OAuthToken(accessToken, tokenType, expiry);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double? ReadNumber(JsonElement value)
    {
        double number = 0;
        var known = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out number),
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
        return known ? number : null;
    }

    /// <summary>
    /// The OAuth <c>error</c>/<c>error_description</c> of a failed response, scrubbed of our secrets. Entra ID's
    /// trace and correlation ids are cut: they fill the line and mean nothing to the user.
    /// </summary>
    internal static string DescribeError(string body, IEnumerable<string?> secrets)
    {
        string text;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var error = Json.GetString(root, "error");
            var description = Json.GetString(root, "error_description");
            var trace = description?.IndexOf(" Trace ID:", StringComparison.Ordinal) ?? -1;
            if (trace > 0)
            {
                description = description![..trace];
            }

            text = string.Join(": ", new[] { error, description?.Trim().TrimEnd('.') }.Where(part => !string.IsNullOrEmpty(part)));
        }
        catch (JsonException)
        {
            text = string.Empty;
        }

        return AuthHttp.Truncate(Redaction.Scrub(text, secrets), 300);
    }
}
