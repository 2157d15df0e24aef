using VolSync.Auth;

namespace VolSync.Core.Tests.Auth;

/// <summary>Auth type selection, conflicts and the one coded error when nothing usable is configured.</summary>
public sealed class ProviderSelectionTests : IDisposable
{
    private readonly AuthTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private void SetTokenAndSecret()
    {
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        _env.Variables["DATABRICKS_TOKEN"] = "tok-AAAA";
        _env.Variables["DATABRICKS_CLIENT_ID"] = "sp-1";
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = "sec-BBBB";
    }

    [Fact]
    public async Task A_token_and_a_client_secret_without_an_auth_type_conflict()
    {
        SetTokenAndSecret();
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2102", error.Code);
        Assert.Contains("More than one authorization method configured: pat", error.Message);
        Assert.Contains("and oauth-m2m", error.Message);
        Assert.Contains("set DATABRICKS_AUTH_TYPE", error.Message);
        Assert.Contains("DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID, DATABRICKS_CLIENT_SECRET", error.Message);
        Assert.DoesNotContain("tok-AAAA", error.Message);
        Assert.DoesNotContain("sec-BBBB", error.Message);
    }

    [Fact]
    public async Task A_conflict_across_levels_is_still_a_conflict()
    {
        _env.WriteConfig("[ci]\nhost = https://h.example.com\nclient_id = sp\nclient_secret = sec-BBBB\n");
        _env.Variables["DATABRICKS_TOKEN"] = "tok-AAAA";
        var error = await _env.ResolveFailsAsync(profile: "ci");
        Assert.Equal("VOLSYNC2102", error.Code);
        Assert.Contains("client secret from profile 'ci'", error.Message);
    }

    [Theory]
    [InlineData("pat", "pat")]
    [InlineData("oauth-m2m", "oauth-m2m")]
    [InlineData("OAUTH-M2M", "oauth-m2m")]
    public async Task DATABRICKS_AUTH_TYPE_selects_one_provider(string authType, string expected)
    {
        SetTokenAndSecret();
        _env.Variables["DATABRICKS_AUTH_TYPE"] = authType;
        var auth = await _env.ResolveAsync();
        Assert.Equal(expected, auth.Credentials.AuthType);
    }

    [Fact]
    public async Task The_explicit_auth_type_wins_over_DATABRICKS_AUTH_TYPE()
    {
        SetTokenAndSecret();
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "oauth-m2m";
        var auth = await _env.ResolveAsync(authType: "pat");
        Assert.Equal("pat", auth.Credentials.AuthType);
    }

    [Fact]
    public async Task An_unknown_auth_type_is_refused()
    {
        SetTokenAndSecret();
        var error = await _env.ResolveFailsAsync(authType: "kerberos");
        Assert.Equal("VOLSYNC2103", error.Code);
        Assert.Contains("pat, oauth-m2m, azure-msi, azure-client-secret, databricks-cli, github-oidc, github-oidc-azure, azure-cli", error.Message);
    }

    [Fact]
    public async Task A_selected_auth_type_without_its_inputs_says_what_is_missing()
    {
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        _env.Variables["DATABRICKS_TOKEN"] = "tok-AAAA";
        var error = await _env.ResolveFailsAsync(authType: "oauth-m2m");
        Assert.Equal("VOLSYNC2104", error.Code);
        Assert.Contains("no client id", error.Message);
        Assert.Contains("no client secret", error.Message);
        Assert.Contains("explicit settings (auth type 'oauth-m2m')", error.Message);
    }

    [Fact]
    public async Task Selecting_the_databricks_cli_without_one_installed_is_a_coded_error()
    {
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var error = await _env.ResolveFailsAsync(authType: "databricks-cli");
        Assert.Equal("VOLSYNC2104", error.Code);
        Assert.Contains("'databricks' not on PATH", error.Message);
    }

    [Fact]
    public async Task A_token_without_a_host_is_a_coded_error()
    {
        _env.Variables["DATABRICKS_TOKEN"] = "tok-AAAA";
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2105", error.Code);
        Assert.Contains("DATABRICKS_HOST", error.Message);
        Assert.DoesNotContain("tok-AAAA", error.Message);
    }

    [Fact]
    public async Task Nothing_configured_is_one_coded_error_listing_what_was_looked_at()
    {
        _env.Variables["DATABRICKS_CLIENT_ID"] = "only-an-id";
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC2100", error.Code);
        Assert.StartsWith("No Databricks authentication is configured.", error.Message);
        Assert.Contains("explicit settings (none)", error.Message);
        Assert.Contains("environment variables (set: DATABRICKS_HOST, DATABRICKS_CLIENT_ID)", error.Message);
        Assert.Contains($"config file {_env.ConfigPath} (does not exist", error.Message);
        Assert.Contains("databricks CLI ('databricks' not on PATH)", error.Message);
        Assert.Contains("To fix:", error.Message);
    }

    [Fact]
    public async Task Nothing_at_all_mentions_the_explicit_profile_and_the_file()
    {
        _env.WriteConfig("[other]\nhost = https://h.example.com\n");
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2100", error.Code);
        Assert.Contains("environment variables (none of the DATABRICKS_* variables set)", error.Message);
        Assert.Contains($"config file {_env.ConfigPath} (exists; no profile named and no non-empty [DEFAULT] profile)", error.Message);
    }

    [Fact]
    public async Task Explicit_settings_are_listed_in_the_error()
    {
        var error = await _env.ResolveFailsAsync(host: "https://h.example.com", authType: "pat");
        Assert.Equal("VOLSYNC2104", error.Code);
        Assert.Contains("explicit settings (host 'https://h.example.com', auth type 'pat')", error.Message);
    }

    [Theory]
    [InlineData("adb-1.azuredatabricks.net", "https://adb-1.azuredatabricks.net/")]
    [InlineData("https://adb-1.azuredatabricks.net/", "https://adb-1.azuredatabricks.net/")]
    [InlineData("https://adb-1.azuredatabricks.net:443/?o=123", "https://adb-1.azuredatabricks.net/")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    public async Task The_host_is_normalised(string host, string expected)
    {
        _env.Variables["DATABRICKS_TOKEN"] = "t";
        var auth = await _env.ResolveAsync(host: host);
        Assert.Equal(expected, auth.Host.AbsoluteUri);
    }

    [Fact]
    public async Task A_plain_http_host_that_is_not_loopback_is_refused()
    {
        _env.WriteConfig("[DEFAULT]\nhost = http://workspace.example.com\ntoken = t\n");
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2071", error.Code);
    }

    [Fact]
    public void Auth_types_are_the_supported_ones_in_chain_order() =>
        Assert.Equal(["pat", "oauth-m2m", "azure-msi", "azure-client-secret", "databricks-cli", "github-oidc", "github-oidc-azure", "azure-cli"], DatabricksAuth.AuthTypes);

    [Fact]
    public void Nothing_that_describes_settings_shows_a_secret()
    {
        var settings = _env.Settings(host: "https://h.example.com");
        Assert.DoesNotContain("Variables", settings.ToString());
        var pat = new PatCredentials("dapi-visible-if-leaked", "personal access token from DATABRICKS_TOKEN");
        Assert.DoesNotContain("dapi-visible-if-leaked", pat.ToString());
        Assert.DoesNotContain("dapi-visible-if-leaked", new ResolvedAuth(new Uri("https://h.example.com"), pat, "environment").ToString());
    }
}

public sealed class InsecureEndpointTests : IDisposable
{
    private readonly AuthTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task A_plain_http_id_token_url_that_is_not_loopback_is_refused()
    {
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        _env.Variables["DATABRICKS_CLIENT_ID"] = "sp";
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_URL"] = "http://tokens.example.com/?api-version=2.0";
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-req";
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2107", error.Code);
        Assert.Contains("http://tokens.example.com/", error.Message);
        Assert.DoesNotContain("gh-req", error.Message);
    }

    [Fact]
    public async Task A_discovered_token_endpoint_on_plain_http_is_refused_before_the_secret_is_sent()
    {
        // The emulator cannot advertise a non-loopback endpoint, so a stub plays a hostile discovery document.
        using var handler = new DiscoveryStub("""{"token_endpoint":"http://evil.example.com/token"}""");
        _env.Variables["DATABRICKS_CLIENT_ID"] = "sp";
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = "dose-never-sent";
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(host: "https://h.example.com", handler: handler));
        var error = await Assert.ThrowsAnyAsync<VolSync.Diagnostics.VolSyncException>(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask());
        Assert.Equal("VOLSYNC2107", error.Code);
        Assert.Equal(["https://h.example.com/oidc/.well-known/oauth-authorization-server"], handler.Requests);
    }

    private sealed class DiscoveryStub(string body) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!.AbsoluteUri);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) });
        }
    }
}
