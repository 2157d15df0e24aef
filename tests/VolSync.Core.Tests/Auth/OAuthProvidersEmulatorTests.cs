using System.Net;
using System.Net.Http.Headers;
using VolSync.Auth;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Auth;

/// <summary>Each provider end to end against the emulator over real HTTP: token endpoint, refresh, federation.</summary>
public sealed class OAuthProvidersEmulatorTests : IAsyncLifetime, IDisposable
{
    private const string PatToken = "dapi-emulator-pat-0001";
    private const string ClientId = "sp-1111";
    private const string ClientSecret = "dose-m2m-secret-2222";
    private const string FederatedClientId = "sp-federated";
    private const string TokenPath = "/oidc/v1/token";

    private readonly AuthTestEnvironment _env = new();
    private EmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { RootDirectory = Path.Combine(_env.Home, "emulator"), RequiredToken = PatToken };
        options.OAuthClients[ClientId] = ClientSecret;
        options.OAuthClients[FederatedClientId] = "federated-clients-have-no-secret";
        _server = await EmulatorServer.StartAsync(options);
        _env.Variables["DATABRICKS_HOST"] = _server.BaseUri.AbsoluteUri;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _env.Dispose();
    }

    public void Dispose() => _env.Dispose();

    private int TokenRequests => _server.Requests.Count("POST", TokenPath);

    private void UseM2M()
    {
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret;
    }

    private void UseGitHubOidc()
    {
        _env.Variables["DATABRICKS_CLIENT_ID"] = FederatedClientId;
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_URL"] = new Uri(_server.BaseUri, "/github-actions/id-token?api-version=2.0").AbsoluteUri;
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-request-token-3333";
    }

    /// <summary>Lists the catalog through the real client: proves the header is accepted by the API.</summary>
    private static async Task AssertApiAcceptsAsync(ResolvedAuth auth)
    {
        using var client = new DatabricksClient(auth.Host, auth.Credentials);
        Assert.True(await client.CatalogExistsAsync("main"));
    }

    private async Task<HttpStatusCode> ApiStatusWithAsync(string authorizationHeader)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/2.1/unity-catalog/catalogs/main");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorizationHeader);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Pat_from_the_environment_is_accepted_by_the_api()
    {
        _env.Variables["DATABRICKS_TOKEN"] = PatToken;
        var auth = await _env.ResolveAsync();
        Assert.Equal(_server.BaseUri.AbsoluteUri, auth.Host.AbsoluteUri);
        await AssertApiAcceptsAsync(auth);
    }

    [Fact]
    public async Task A_wrong_pat_is_refused_with_the_identity_and_without_the_token()
    {
        _env.Variables["DATABRICKS_TOKEN"] = "dapi-wrong-token-9999";
        var auth = await _env.ResolveAsync();
        using var client = new DatabricksClient(auth.Host, auth.Credentials);
        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => client.CatalogExistsAsync("main"));
        Assert.Contains("personal access token from DATABRICKS_TOKEN", error.Message);
        Assert.DoesNotContain("dapi-wrong-token-9999", error.ToString());
    }

    [Fact]
    public async Task M2M_discovers_the_token_endpoint_and_its_token_is_accepted()
    {
        UseM2M();
        var auth = await _env.ResolveAsync();
        Assert.Equal("oauth-m2m", auth.Credentials.AuthType);
        await AssertApiAcceptsAsync(auth);
        Assert.Equal(1, _server.Requests.Count("GET", "/oidc/.well-known/oauth-authorization-server"));
        Assert.Equal(1, TokenRequests);
    }

    [Fact]
    public async Task M2M_reuses_a_valid_token()
    {
        UseM2M();
        var auth = await _env.ResolveAsync();
        var first = await auth.Credentials.GetAuthorizationHeaderAsync();
        var second = await auth.Credentials.GetAuthorizationHeaderAsync();
        Assert.Equal(first, second);
        Assert.Equal(1, TokenRequests);
    }

    [Fact]
    public async Task M2M_fetches_a_new_token_once_the_old_one_expired_on_the_server()
    {
        UseM2M();
        _server.Options.TokenLifetime = TimeSpan.FromSeconds(1);
        var auth = await _env.ResolveAsync();
        var first = await auth.Credentials.GetAuthorizationHeaderAsync();
        Assert.Equal(HttpStatusCode.OK, await ApiStatusWithAsync(first));

        _server.Options.TokenLifetime = TimeSpan.FromHours(1);
        // Wait (asserting no duration) until the emulator itself no longer accepts the first token.
        for (var attempt = 0; await ApiStatusWithAsync(first) != HttpStatusCode.Forbidden; attempt++)
        {
            Assert.True(attempt < 300, "the emulator kept accepting an expired token");
            await Task.Delay(100);
        }

        var second = await auth.Credentials.GetAuthorizationHeaderAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(2, TokenRequests);
        Assert.Equal(HttpStatusCode.OK, await ApiStatusWithAsync(second));
    }

    [Fact]
    public async Task M2M_refreshes_forty_seconds_before_expiry()
    {
        UseM2M();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(), clock, CancellationToken.None);
        var first = await auth.Credentials.GetAuthorizationHeaderAsync();

        clock.Now += TimeSpan.FromHours(1) - TimeSpan.FromSeconds(41);
        Assert.Equal(first, await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal(1, TokenRequests);

        clock.Now += TimeSpan.FromSeconds(2);
        Assert.NotEqual(first, await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal(2, TokenRequests);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        UseM2M();
        var auth = await _env.ResolveAsync();
        var headers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask())));
        Assert.Single(headers.Distinct());
        Assert.Equal(1, TokenRequests);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_a_coded_error_naming_the_service_principal_but_not_the_secret()
    {
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = "dose-wrong-secret-4444";
        var auth = await _env.ResolveAsync();
        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask());
        Assert.Equal("VOLSYNC1101", error.Code);
        Assert.Contains("service principal sp-1111 (oauth-m2m, DATABRICKS_CLIENT_SECRET)", error.Message);
        Assert.Contains("HTTP 401 invalid_client", error.Message);
        Assert.DoesNotContain("dose-wrong-secret-4444", error.ToString());
    }

    [Fact]
    public async Task M2M_from_a_profile_works_end_to_end()
    {
        _env.Variables.Remove("DATABRICKS_HOST");
        _env.WriteConfig($"[ci]\nhost = {_server.BaseUri.AbsoluteUri}\nclient_id = {ClientId}\nclient_secret = {ClientSecret} # the CI principal\n");
        var auth = await _env.ResolveAsync(profile: "ci");
        Assert.Equal("service principal sp-1111 (oauth-m2m, profile 'ci')", auth.Credentials.Identity);
        await AssertApiAcceptsAsync(auth);
    }

    [Fact]
    public async Task GitHub_oidc_exchanges_the_id_token_with_the_token_endpoint_as_audience()
    {
        UseGitHubOidc();
        var auth = await _env.ResolveAsync();
        Assert.Equal("github-oidc", auth.Credentials.AuthType);
        await AssertApiAcceptsAsync(auth);

        var idTokenRequest = Assert.Single(_server.Requests.Snapshot(), r => r.Path == "/github-actions/id-token");
        Assert.True(idTokenRequest.HadAuthorization);
        var tokenEndpoint = new Uri(_server.BaseUri, TokenPath).AbsoluteUri;
        Assert.Contains("api-version=2.0&audience=" + Uri.EscapeDataString(tokenEndpoint), idTokenRequest.RawPathAndQuery);
        Assert.Equal(1, TokenRequests);
    }

    [Fact]
    public async Task GitHub_oidc_uses_DATABRICKS_TOKEN_AUDIENCE_when_set()
    {
        UseGitHubOidc();
        _env.Variables["DATABRICKS_TOKEN_AUDIENCE"] = "my-audience";
        var auth = await _env.ResolveAsync();
        await auth.Credentials.GetAuthorizationHeaderAsync();
        var idTokenRequest = Assert.Single(_server.Requests.Snapshot(), r => r.Path == "/github-actions/id-token");
        Assert.EndsWith("&audience=my-audience", idTokenRequest.RawPathAndQuery);
    }

    [Fact]
    public async Task GitHub_oidc_with_a_client_id_without_federation_policy_is_a_coded_error()
    {
        UseGitHubOidc();
        _env.Variables["DATABRICKS_CLIENT_ID"] = "sp-unknown";
        var auth = await _env.ResolveAsync(authType: "github-oidc");
        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask());
        Assert.Equal("VOLSYNC1101", error.Code);
        Assert.Contains("service principal sp-unknown (github-oidc", error.Message);
        Assert.DoesNotContain("gh-request-token-3333", error.ToString());
    }

    [Fact]
    public async Task A_client_secret_makes_the_chain_prefer_m2m_over_github_oidc()
    {
        UseGitHubOidc();
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret;
        var auth = await _env.ResolveAsync();
        Assert.Equal("oauth-m2m", auth.Credentials.AuthType);
    }

    [Fact]
    public async Task Token_requests_are_logged_at_debug_without_secrets()
    {
        UseM2M();
        var logger = new CapturingLogger();
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: logger));
        var header = await auth.Credentials.GetAuthorizationHeaderAsync();
        Assert.Contains(logger.Lines, line => line.StartsWith("Debug") && line.Contains("POST " + new Uri(_server.BaseUri, TokenPath).AbsoluteUri + " (client_credentials)"));
        Assert.DoesNotContain(logger.Lines, line => line.Contains(ClientSecret) || line.Contains(header["Bearer ".Length..]));
    }

    [Fact]
    public async Task The_databricks_cli_token_is_accepted_by_the_api()
    {
        var bin = Path.Combine(_env.Home, "bin");
        FakeDatabricksCli.Write(bin, $$"""{"access_token":"{{PatToken}}","token_type":"Bearer","expiry":"2099-01-01T00:00:00Z"}""");
        _env.Variables["PATH"] = bin;
        var auth = await _env.ResolveAsync();
        Assert.Equal("databricks-cli", auth.Credentials.AuthType);
        await AssertApiAcceptsAsync(auth);
    }
}
