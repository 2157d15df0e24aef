using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Diagnostics;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("https://user:pw@host.example.com/x", "https://***@host.example.com/x")]
    [InlineData("https://token@host", "https://***@host")]
    [InlineData("user:pw@host.example.com", "***@host.example.com")]
    [InlineData("host 'https://a:b@h:8443' and http://c:d@e/f?g=h@i", "host 'https://***@h:8443' and http://***@e/f?g=h@i")]
    [InlineData("https://host.example.com/a@b", "https://host.example.com/a@b")]
    [InlineData("no url here", "no url here")]
    [InlineData("ends with https://", "ends with https://")]
    public void User_info_is_masked_in_every_url_of_a_text(string text, string expected) =>
        Assert.Equal(expected, Redaction.RedactUserInfo(text));

    [Fact]
    public void A_url_is_shown_without_user_info_or_query() =>
        Assert.Equal("https://h.example.com:8443/oidc/v1/token", Redaction.Url(new Uri("https://u:p@h.example.com:8443/oidc/v1/token?secret=1")));

    [Fact]
    public void Secrets_are_scrubbed_longest_first() =>
        Assert.Equal("got *** and ***", Redaction.Scrub("got Bearer abc123 and abc123", Redaction.CredentialForms("Bearer abc123")));

    [Fact]
    public void The_credential_headers_of_a_request_are_scrubbed_from_its_answer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://h/api");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer tok-1");
        request.Headers.TryAddWithoutValidation("X-Databricks-Azure-SP-Management-Token", "mgmt-2");
        request.Headers.TryAddWithoutValidation("User-Agent", "ua-3");

        Assert.Equal("*** *** *** ua-3", Redaction.ScrubCredentials("Bearer tok-1 tok-1 mgmt-2 ua-3", request));
    }
}
