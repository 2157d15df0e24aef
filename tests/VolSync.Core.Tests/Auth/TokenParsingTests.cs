using VolSync.Auth.Configuration;
using VolSync.Auth.Providers;

namespace VolSync.Core.Tests.Auth;

public sealed class TokenParsingTests
{
    private static readonly DateTimeOffset s_now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"access_token":"a","token_type":"Bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":"a","token_type":"Bearer","expires_in":"3600"}""")]
    public void Expires_in_is_read_as_a_number_or_a_string(string body)
    {
        var token = TokenClient.ParseTokenResponse(body, s_now)!;
        Assert.Equal(s_now.AddHours(1), token.Expiry);
        Assert.Equal("Bearer a", token.AuthorizationHeader);
    }

    [Fact]
    public void A_missing_token_type_means_bearer_and_a_missing_expiry_means_none()
    {
        var token = TokenClient.ParseTokenResponse("""{"access_token":"a"}""", s_now)!;
        Assert.Equal("Bearer a", token.AuthorizationHeader);
        Assert.Null(token.Expiry);
    }

    [Theory]
    [InlineData("""{"error":"invalid_client"}""")]
    [InlineData("""{"access_token":""}""")]
    [InlineData("<html>proxy error</html>")]
    public void A_response_without_an_access_token_is_refused(string body) =>
        Assert.Null(TokenClient.ParseTokenResponse(body, s_now));

    [Fact]
    public void A_token_does_not_show_itself_in_ToString()
    {
        var token = TokenClient.ParseTokenResponse("""{"access_token":"eyJ-secret-access","expires_in":10}""", s_now)!;
        Assert.DoesNotContain("eyJ-secret-access", token.ToString());
    }

    [Fact]
    public void The_gathered_configuration_shows_sources_but_redacts_secrets()
    {
        var config = new AuthConfig();
        config.SetIfAbsent(AuthAttribute.Host, "https://h.example.com", AttributeSource.Explicit);
        config.SetIfAbsent(AuthAttribute.Token, "dapi-redact-me", new AttributeSource(AttributeOrigin.Environment, "DATABRICKS_TOKEN"));
        config.SetIfAbsent(AuthAttribute.ClientSecret, "dose-redact-me", new AttributeSource(AttributeOrigin.ConfigFile, "ci", "/x"));
        var text = config.ToString();
        Assert.Contains("host=https://h.example.com", text);
        Assert.Contains("token=*** (DATABRICKS_TOKEN)", text);
        Assert.Contains("client_secret=*** (profile 'ci')", text);
        Assert.DoesNotContain("redact-me", text);
    }

    [Fact]
    public void A_lower_level_never_overwrites_a_value_already_set()
    {
        var config = new AuthConfig();
        Assert.True(config.SetIfAbsent(AuthAttribute.Host, "first", AttributeSource.Explicit));
        Assert.False(config.SetIfAbsent(AuthAttribute.Host, "second", new AttributeSource(AttributeOrigin.Environment, "DATABRICKS_HOST")));
        Assert.Equal("first", config[AuthAttribute.Host]);
    }
}
