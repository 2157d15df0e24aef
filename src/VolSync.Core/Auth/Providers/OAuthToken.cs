namespace VolSync.Auth.Providers;

/// <summary>An access token and when it stops working. <see cref="ToString"/> leaves the token out.</summary>
internal sealed class OAuthToken
{
    public OAuthToken(string accessToken, string? tokenType, DateTimeOffset? expiry)
    {
        AccessToken = accessToken;
        TokenType = string.IsNullOrWhiteSpace(tokenType) ? "Bearer" : tokenType;
        Expiry = expiry;
    }

    public string AccessToken { get; }

    public string TokenType { get; }

    /// <summary>Null when the issuer did not say: such a token is kept until the credentials object goes away.</summary>
    public DateTimeOffset? Expiry { get; }

    public string AuthorizationHeader => $"{TokenType} {AccessToken}";

    public override string ToString() => $"{TokenType} token (expires {Expiry?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "never"})";
}
