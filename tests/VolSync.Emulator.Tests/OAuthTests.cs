using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace VolSync.Emulator.Tests;

public sealed class OAuthTests
{
    private const string TokenPath = "/oidc/v1/token";

    [Fact]
    public async Task Discovery_documents_point_at_the_emulator()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(emu.Server, null);
        var baseUrl = emu.Server.BaseUri.ToString().TrimEnd('/');

        using var oauth = await anonymous.GetAsync("/oidc/.well-known/oauth-authorization-server");
        var doc = await TestEmulator.ReadJsonAsync(oauth);
        Assert.Equal(baseUrl + "/oidc/v1/token", doc.GetProperty("token_endpoint").GetString());
        Assert.Equal(baseUrl + "/oidc/v1/authorize", doc.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(baseUrl + "/oidc", doc.GetProperty("issuer").GetString());

        using var config = await anonymous.GetAsync("/.well-known/databricks-config");
        var cfg = await TestEmulator.ReadJsonAsync(config);
        Assert.Equal(baseUrl + "/oidc", cfg.GetProperty("oidc_endpoint").GetString());
        Assert.False(string.IsNullOrEmpty(cfg.GetProperty("workspace_id").GetString()));
    }

    [Fact]
    public async Task Client_credentials_with_basic_auth_issue_a_token_the_api_accepts()
    {
        await using var emu = await StartWithClientAsync();
        using var anonymous = TestEmulator.NewClient(emu.Server, null);

        using var response = await anonymous.SendAsync(ClientCredentials("sp-id", "sp-secret"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestEmulator.ReadJsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal("all-apis", body.GetProperty("scope").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt64());
        var accessToken = body.GetProperty("access_token").GetString()!;

        // RequiredToken is set to something else: only the issued token gets this request through.
        using (var pat = TestEmulator.NewClient(emu.Server, "some-other-pat"))
        using (var refused = await pat.GetAsync(TestEmulator.Directories()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var api = TestEmulator.NewClient(emu.Server, accessToken);
        using var list = await api.GetAsync(TestEmulator.Directories());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(1, emu.Server.Requests.Count("POST", TokenPath));
    }

    [Fact]
    public async Task Wrong_client_secret_is_401_invalid_client()
    {
        await using var emu = await StartWithClientAsync();
        using var anonymous = TestEmulator.NewClient(emu.Server, null);

        using var response = await anonymous.SendAsync(ClientCredentials("sp-id", "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await TestEmulator.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Missing_client_credentials_are_401_and_unknown_grants_400()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(emu.Server, null);

        using var noCredentials = await anonymous.PostAsync(TokenPath, Form(("grant_type", "client_credentials"), ("scope", "all-apis")));
        Assert.Equal(HttpStatusCode.Unauthorized, noCredentials.StatusCode);

        using var password = await anonymous.PostAsync(TokenPath, Form(("grant_type", "password")));
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        Assert.Equal("unsupported_grant_type", (await TestEmulator.ReadJsonAsync(password)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Issued_tokens_expire_after_the_configured_lifetime()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, TokenLifetime = TimeSpan.FromSeconds(1) });
        using var anonymous = TestEmulator.NewClient(emu.Server, null);
        using var response = await anonymous.SendAsync(ClientCredentials("any", "any"));
        var body = await TestEmulator.ReadJsonAsync(response);
        Assert.Equal(1, body.GetProperty("expires_in").GetInt64());
        using var api = TestEmulator.NewClient(emu.Server, body.GetProperty("access_token").GetString());

        using (var fresh = await api.GetAsync(TestEmulator.Directories()))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        using var expired = await api.GetAsync(TestEmulator.Directories());
        await TestEmulator.AssertFrontDoorErrorAsync(expired, HttpStatusCode.Forbidden, "Invalid access token.");
    }

    [Fact]
    public async Task Unknown_tokens_in_the_issued_format_are_rejected_even_in_any_token_mode()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var api = TestEmulator.NewClient(emu.Server, "emu-oauth-0000");

        using var response = await api.GetAsync(TestEmulator.Directories());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GitHub_id_token_exchange_issues_an_access_token()
    {
        await using var emu = await StartWithClientAsync();
        using var github = TestEmulator.NewClient(emu.Server, "actions-request-token");
        var audience = emu.Server.BaseUri + "oidc/v1/token";

        // ACTIONS_ID_TOKEN_REQUEST_URL already carries a query; clients append &audience=.
        using var idResponse = await github.GetAsync("/github-actions/id-token?x=1&audience=" + Uri.EscapeDataString(audience));
        Assert.Equal(HttpStatusCode.OK, idResponse.StatusCode);
        var jwt = (await TestEmulator.ReadJsonAsync(idResponse)).GetProperty("value").GetString()!;
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var payload = JsonDocument.Parse(Base64UrlDecode(parts[1])).RootElement;
        Assert.Equal(audience, payload.GetProperty("aud").GetString());

        using var anonymous = TestEmulator.NewClient(emu.Server, null);
        using var exchange = await anonymous.PostAsync(TokenPath, Form(
            ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            ("subject_token", jwt),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:jwt"),
            ("client_id", "sp-id"),
            ("scope", "all-apis")));

        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        var token = (await TestEmulator.ReadJsonAsync(exchange)).GetProperty("access_token").GetString();
        using var api = TestEmulator.NewClient(emu.Server, token);
        using var list = await api.GetAsync(TestEmulator.Directories());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task Token_exchange_rejects_a_subject_token_the_emulator_did_not_issue()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(emu.Server, null);

        using var exchange = await anonymous.PostAsync(TokenPath, Form(
            ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            ("subject_token", "a.b.c"),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:jwt"),
            ("client_id", "sp-id")));

        Assert.Equal(HttpStatusCode.BadRequest, exchange.StatusCode);
        Assert.Equal("invalid_grant", (await TestEmulator.ReadJsonAsync(exchange)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task GitHub_id_token_endpoint_needs_a_request_token()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(emu.Server, null);

        using var response = await anonymous.GetAsync("/github-actions/id-token?audience=x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<TestEmulator> StartWithClientAsync() =>
        TestEmulator.StartAsync(root =>
        {
            var options = new EmulatorOptions { RootDirectory = root, RequiredToken = "only-this-pat" };
            options.OAuthClients["sp-id"] = "sp-secret";
            return options;
        });

    private static HttpRequestMessage ClientCredentials(string id, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TokenPath)
        {
            Content = Form(("grant_type", "client_credentials"), ("scope", "all-apis")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(id + ":" + secret)));
        return request;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static string Base64UrlDecode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
    }
}
