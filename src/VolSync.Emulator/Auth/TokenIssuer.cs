using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VolSync.Emulator.Endpoints;

namespace VolSync.Emulator.Auth;

/// <summary>
/// Access tokens issued by <c>/oidc/v1/token</c>, the Entra ID stand-in and the managed-identity stand-ins, each with
/// its audience and expiry; and fake GitHub ID tokens.
/// </summary>
internal sealed class TokenIssuer
{
    public const string AccessTokenPrefix = "emu-oauth-";
    public const string EntraTokenPrefix = "emu-entra-";

    /// <summary>The audience of the workspace's own OAuth tokens.</summary>
    public const string WorkspaceAudience = "databricks-workspace";

    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, string Audience)> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idTokens = new(StringComparer.Ordinal);

    public string IssueAccessToken(TimeSpan lifetime, string audience = WorkspaceAudience, string prefix = AccessTokenPrefix)
    {
        var token = prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        _accessTokens[token] = (DateTimeOffset.UtcNow + lifetime, audience);
        return token;
    }

    /// <summary>True for a token this emulator issued (valid or not); such tokens are judged only by their audience and expiry.</summary>
    public static bool LooksIssued(string token) =>
        token.StartsWith(AccessTokenPrefix, StringComparison.Ordinal) || token.StartsWith(EntraTokenPrefix, StringComparison.Ordinal);

    /// <summary>Forgets every access token issued so far, as a workspace does when a principal's secret is revoked.</summary>
    public void RevokeAll() => _accessTokens.Clear();

    /// <summary>An unexpired token the REST API accepts: a workspace OAuth token, or an Entra token for Azure Databricks.</summary>
    public bool IsValidAccessToken(string token) =>
        IsValid(token, WorkspaceAudience) || IsValid(token, EntraEndpoints.AzureDatabricksApplicationId);

    /// <summary>An unexpired token issued for exactly this audience.</summary>
    public bool IsValid(string token, string audience) =>
        _accessTokens.TryGetValue(token, out var issued) && issued.Audience == audience && DateTimeOffset.UtcNow < issued.Expires;

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
