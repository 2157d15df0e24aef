using VolSync.Diagnostics;
using VolSync.Remote.Databricks;

namespace VolSync.Auth.Providers;

/// <summary>
/// The HttpClient the OAuth providers talk through: the caller's handler (hosts pass their run's
/// <see cref="DatabricksTransport.AuthHandler"/>, so token requests share the API calls' limiter and retries), or a
/// transport of its own that retries 429, 503 and connection failures the same way. Redirects are never
/// followed: a redirect could carry a client secret, an ID token or a token request to a server the user never named.
/// </summary>
internal static class AuthHttp
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static HttpClient Create(HttpMessageHandler? handler)
    {
        if (handler is null)
        {
            // The transport's own handler never follows redirects either.
            return new HttpClient(new DatabricksTransport().AuthHandler, disposeHandler: false) { Timeout = s_timeout };
        }

        DisableRedirects(handler);
        return new HttpClient(handler, disposeHandler: false) { Timeout = s_timeout };
    }

    /// <summary>
    /// Throws VOLSYNC1108 when <paramref name="response"/> is a redirect, or when a caller's handler followed one anyway
    /// (the answer came from another URL than the one asked).
    /// </summary>
    public static void EnsureNotRedirected(HttpResponseMessage response, Uri requested, string what)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location;
            var target = location is null ? "(no Location header)" : Redaction.Url(location.IsAbsoluteUri ? location : new Uri(requested, location));
            throw DiagnosticCodes.AuthRedirectRefused.ToException(what, Redaction.Url(requested), status, target);
        }

        if (response.RequestMessage?.RequestUri is { } answered && !string.Equals(answered.AbsoluteUri, requested.AbsoluteUri, StringComparison.Ordinal))
        {
            throw DiagnosticCodes.AuthRedirectRefused.ToException(what, Redaction.Url(requested), "3xx, followed by the HTTP handler", Redaction.Url(answered));
        }
    }

    /// <summary>Caps foreign text so an error message stays readable.</summary>
    public static string Truncate(string text, int max = 1000) => text.Length <= max ? text : text[..max] + "…";

    private static void DisableRedirects(HttpMessageHandler handler)
    {
        // A handler that already sent requests cannot be changed; EnsureNotRedirected still refuses what it followed.
        try
        {
            switch (handler)
            {
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler { AllowAutoRedirect: true } client:
                    client.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
