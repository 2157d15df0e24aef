using VolSync.Remote.Databricks;

namespace VolSync.Auth.Providers;

/// <summary>
/// The HttpClient the OAuth providers talk through: the caller's handler (hosts pass their run's
/// <see cref="DatabricksTransport.AuthHandler"/>, so token requests share the API calls' limiter and retries), or
/// a transport of its own that retries 429, 503 and connection failures the same way.
/// </summary>
internal static class AuthHttp
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static HttpClient Create(HttpMessageHandler? handler) =>
        new(handler ?? new DatabricksTransport().AuthHandler, disposeHandler: false) { Timeout = s_timeout };

    /// <summary>Replaces every occurrence of a secret by <c>***</c> in text that came from elsewhere (a server's error body, a CLI's stderr).</summary>
    public static string Scrub(string text, params string?[] secrets)
    {
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Caps foreign text so an error message stays readable.</summary>
    public static string Truncate(string text, int max = 1000) => text.Length <= max ? text : text[..max] + "…";
}
