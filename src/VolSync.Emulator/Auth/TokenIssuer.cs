using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VolSync.Emulator.Auth;

/// <summary>Access tokens issued by <c>/oidc/v1/token</c> and fake GitHub ID tokens, with their expiry.</summary>
internal sealed class TokenIssuer
{
    public const string AccessTokenPrefix = "emu-oauth-";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idTokens = new(StringComparer.Ordinal);

    public string IssueAccessToken(TimeSpan lifetime)
    {
        var token = AccessTokenPrefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        _accessTokens[token] = DateTimeOffset.UtcNow + lifetime;
        return token;
    }

    /// <summary>True for a token this emulator issued (valid or not); such tokens are judged only by their expiry.</summary>
    public static bool LooksIssued(string token) => token.StartsWith(AccessTokenPrefix, StringComparison.Ordinal);

    /// <summary>Forgets every access token issued so far, as a workspace does when a principal's secret is revoked.</summary>
    public void RevokeAll() => _accessTokens.Clear();

    public bool IsValidAccessToken(string token) =>
        _accessTokens.TryGetValue(token, out var expires) && DateTimeOffset.UtcNow < expires;

    /// <summary>An unsigned JWT shaped like the ones GitHub Actions hands out.</summary>
    public string IssueGitHubIdToken(string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.Serialize(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" });
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = "https://token.actions.githubusercontent.com",
            ["aud"] = audience,
            ["sub"] = "repo:volsync/volsync:ref:refs/heads/main",
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = now,
            ["exp"] = now + 300,
        });
        var token = $"{Base64Url(header)}.{Base64Url(payload)}.{Base64Url("emulator")}";
        _idTokens[token] = audience;
        return token;
    }

    public bool IsGitHubIdToken(string token, out string audience) => _idTokens.TryGetValue(token, out audience!);

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
