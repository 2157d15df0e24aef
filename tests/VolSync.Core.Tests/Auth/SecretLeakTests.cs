using System.Net.Http.Headers;
using System.Text;
using VolSync.Auth;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Auth;

/// <summary>
/// Whole syncs against the emulator with every component logging at Debug: the distinctive secrets (PAT, client
/// secret and the OAuth access token) must appear nowhere in logs, results, exceptions or ToString output.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime, IDisposable
{
    private const string Pat = "dapi-LEAKCHECK-5f3a9c0e1d";
    private const string ClientId = "sp-leakcheck";
    private const string ClientSecret = "dose-LEAKCHECK-7e1b2d4a6c";
    private const string AzureClientId = "app-leakcheck";
    private const string AzureClientSecret = "azure-LEAKCHECK-3c9d0a";
    private const string ResourceId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/leak";

    private readonly AuthTestEnvironment _env = new();
    private readonly CapturingLogger _logger = new();
    private readonly StringBuilder _captured = new();
    private EmulatorServer _server = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { RootDirectory = Path.Combine(_env.Home, "emulator"), RequiredToken = Pat };
        options.OAuthClients[ClientId] = ClientSecret;
        options.AzureClients[AzureClientId] = AzureClientSecret;
        _server = await EmulatorServer.StartAsync(options);
        _env.Variables["DATABRICKS_HOST"] = _server.BaseUri.AbsoluteUri;

        _source = Path.Combine(_env.Home, "publish");
        Directory.CreateDirectory(Path.Combine(_source, "runtimes"));
        File.WriteAllText(Path.Combine(_source, "app.dll"), "binary-ish content");
        File.WriteAllText(Path.Combine(_source, "app.json"), "{\"a\":1}");
        File.WriteAllText(Path.Combine(_source, "runtimes", "native.so"), "native");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _env.Dispose();

    private async Task<SyncResult> SyncAsync(ResolvedAuth auth, bool createVolume)
    {
        using var client = new DatabricksClient(auth.Host, auth.Credentials, new DatabricksClientOptions { Logger = _logger, RetryBudget = TimeSpan.FromSeconds(5) });
        if (createVolume)
        {
            await client.CreateVolumeAsync(new CreateVolumeRequest("main", "default", "vol"));
        }

        var sync = new VolumeSync(client, _logger);
        var result = await sync.SyncAsync(new SyncConfig
        {
            LocalPath = _source,
            VolumePath = "/Volumes/main/default/vol",
            RemotePath = "app/1.0.0",
            UseHashCache = false,
        });
        Capture(result.ToString(), auth.ToString(), auth.Credentials.ToString(), auth.Credentials.Identity, auth.Source);
        foreach (var file in result.Files)
        {
            Capture(file.ToString(), file.Error);
        }

        return result;
    }

    private void Capture(params string?[] texts)
    {
        foreach (var text in texts)
        {
            _captured.AppendLine(text);
        }
    }

    private void AssertNoSecretAnywhere(params string[] secrets)
    {
        var everything = string.Join('\n', _logger.Lines) + "\n" + _captured;
        Assert.Contains("Debug", everything);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, everything);
        }
    }

    [Fact]
    public async Task A_pat_sync_with_debug_logging_and_failures_never_shows_the_token()
    {
        _env.Variables["DATABRICKS_TOKEN"] = Pat;
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));

        var first = await SyncAsync(auth, createVolume: true);
        Assert.Equal(3, first.SuccessCount);

        // Per-file failures (403 under a forbidden prefix) must name the identity but not the token.
        _server.Options.ForbiddenPathPrefixes.Add("/Volumes/main/default/vol/app");
        File.WriteAllText(Path.Combine(_source, "app.dll"), "changed content");
        try
        {
            var second = await SyncAsync(auth, createVolume: false);
            Capture(second.ToString());
        }
        catch (Exception ex)
        {
            Capture(ex.ToString());
        }

        Assert.Contains("Permission denied for personal access token from DATABRICKS_TOKEN", _captured.ToString());

        // A whole run with a rejected token: the failure says who we were, never what the token was.
        var wrong = new ResolvedAuth(auth.Host, new PatCredentials(Pat + "-revoked", "personal access token from DATABRICKS_TOKEN"), auth.Source);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SyncAsync(wrong, createVolume: false));
        Capture(error.ToString(), error.Message);
        Assert.Contains("personal access token from DATABRICKS_TOKEN", error.ToString());

        AssertNoSecretAnywhere(Pat);
    }

    [Fact]
    public async Task An_m2m_sync_with_debug_logging_never_shows_the_secret_or_the_access_token()
    {
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret;
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));

        var result = await SyncAsync(auth, createVolume: true);
        Assert.Equal(3, result.SuccessCount);
        var accessToken = (await auth.Credentials.GetAuthorizationHeaderAsync())["Bearer ".Length..];

        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret + "-wrong";
        var wrong = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SyncAsync(wrong, createVolume: false));
        Capture(error.ToString(), error.Message);
        Assert.Contains("service principal sp-leakcheck", error.ToString());

        Assert.Contains(_logger.Lines, line => line.Contains("/oidc/v1/token (client_credentials)"));
        AssertNoSecretAnywhere(ClientSecret, accessToken);
    }

    [Fact]
    public async Task A_server_that_echoes_the_bearer_token_in_its_errors_never_gets_it_printed()
    {
        _server.Options.EchoCredentialsInErrors = true;
        await AssertTheEmulatorEchoesAsync("Bearer " + Pat);
        _env.Variables["DATABRICKS_TOKEN"] = Pat;
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));
        await SyncAsync(auth, createVolume: true);

        // 403 per file, with the token quoted back in every error body.
        RefuseTheUploadOfANewAppDll();
        var refused = await SyncAsync(auth, createVolume: false);
        Assert.True(refused.FailureCount > 0);
        Assert.Contains("the request had Authorization: ***", _captured.ToString());

        // 401 for the whole run, the rejected token quoted back.
        var wrong = new ResolvedAuth(auth.Host, new PatCredentials(Pat + "-revoked", "personal access token from DATABRICKS_TOKEN"), auth.Source);
        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => SyncAsync(wrong, createVolume: false));
        Capture(error.ToString(), error.Message);
        Assert.Contains("the request had Authorization: ***", error.Message);

        AssertNoSecretAnywhere(Pat);
    }

    [Fact]
    public async Task A_token_endpoint_that_echoes_the_basic_credentials_never_gets_them_printed()
    {
        _server.Options.EchoCredentialsInErrors = true;
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret + "-wrong";
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}-wrong"));
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));

        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask());
        Capture(error.ToString());

        Assert.Equal("VOLSYNC1101", error.Code);
        Assert.Contains("the request had Authorization: ***", error.Message);
        AssertNoSecretAnywhere(ClientSecret, basic);
    }

    [Fact]
    public async Task An_m2m_access_token_echoed_by_the_api_is_never_printed()
    {
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret;
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));
        await SyncAsync(auth, createVolume: true);
        var accessToken = (await auth.Credentials.GetAuthorizationHeaderAsync())["Bearer ".Length..];

        _server.Options.EchoCredentialsInErrors = true;
        RefuseTheUploadOfANewAppDll();
        var refused = await SyncAsync(auth, createVolume: false);
        Assert.True(refused.FailureCount > 0);

        AssertNoSecretAnywhere(ClientSecret, accessToken);
    }

    [Theory]
    [InlineData("explicit")]
    [InlineData("environment")]
    [InlineData("profile")]
    public async Task A_host_with_a_password_in_it_is_refused_without_showing_the_password(string where)
    {
        const string password = "PW-LEAKCHECK-9b8a";
        var host = $"https://someone:{password}@{_server.BaseUri.Authority}";
        _env.Variables["DATABRICKS_TOKEN"] = Pat;
        switch (where)
        {
            case "environment":
                _env.Variables["DATABRICKS_HOST"] = host;
                break;
            case "profile":
                _env.Variables.Remove("DATABRICKS_HOST");
                _env.Variables.Remove("DATABRICKS_TOKEN");
                _env.WriteConfig($"[DEFAULT]\nhost = {host}\ntoken = {Pat}\n");
                break;
        }

        _logger.Log(SyncLogLevel.Debug, "resolving a host with credentials");
        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => DatabricksAuth.ResolveAsync(_env.Settings(host: where == "explicit" ? host : null, logger: _logger)));
        Capture(error.ToString());

        Assert.Equal("VOLSYNC2072", error.Code);
        Assert.Contains($"https://***@{_server.BaseUri.Authority}", error.Message);
        AssertNoSecretAnywhere(password, Pat);
    }

    [Theory]
    [InlineData("azure-client-secret")]
    [InlineData("github-oidc-azure")]
    [InlineData("azure-msi")]
    [InlineData("azure-cli")]
    public async Task Every_azure_provider_syncs_with_debug_logging_and_failures_without_showing_a_secret(string authType)
    {
        _env.Variables["DATABRICKS_AUTH_TYPE"] = authType;
        _env.Variables["AZURE_AUTHORITY_HOST"] = _server.EntraAuthority.AbsoluteUri;
        _env.Variables["DATABRICKS_AZURE_RESOURCE_ID"] = ResourceId;
        _env.Variables["ARM_TENANT_ID"] = _server.Options.AzureTenantId;
        var secrets = new List<string>();
        switch (authType)
        {
            case "azure-client-secret":
                _env.Variables["ARM_CLIENT_ID"] = AzureClientId;
                _env.Variables["ARM_CLIENT_SECRET"] = AzureClientSecret;
                secrets.Add(AzureClientSecret);
                break;
            case "github-oidc-azure":
                _env.Variables["ARM_CLIENT_ID"] = AzureClientId;
                _env.Variables["ACTIONS_ID_TOKEN_REQUEST_URL"] = new Uri(_server.BaseUri, "/github-actions/id-token?api-version=2.0").AbsoluteUri;
                _env.Variables["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-request-LEAKCHECK-5a1f";
                secrets.Add("gh-request-LEAKCHECK-5a1f");
                break;
            case "azure-msi":
                _env.Variables["IDENTITY_ENDPOINT"] = new Uri(_server.BaseUri, "/msi/token").AbsoluteUri;
                _env.Variables["IDENTITY_HEADER"] = _server.Options.IdentityHeader;
                secrets.Add(_server.Options.IdentityHeader);
                break;
            case "azure-cli":
                var bin = Path.Combine(_env.Home, "bin");
                FakeAzureCli.Write(bin, FakeAzureCli.Token(await IssueEntraTokenAsync(), DateTimeOffset.UtcNow.AddHours(1)));
                _env.Variables["PATH"] = bin;
                // The fake az answers every resource with the same token: no management token to send.
                _env.Variables.Remove("DATABRICKS_AZURE_RESOURCE_ID");
                break;
        }

        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));
        Assert.Equal(authType, auth.Credentials.AuthType);
        var first = await SyncAsync(auth, createVolume: true);
        Assert.Equal(3, first.SuccessCount);
        secrets.Add((await auth.Credentials.GetAuthorizationHeaderAsync())["Bearer ".Length..]);
        secrets.AddRange((await auth.Credentials.GetAdditionalHeadersAsync()).Where(h => h.Key.EndsWith("Management-Token", StringComparison.Ordinal)).Select(h => h.Value));
        Assert.Equal(authType == "azure-cli" ? 1 : 3, secrets.Count);

        // Per-file 403s from a server that quotes the credential headers back.
        _server.Options.EchoCredentialsInErrors = true;
        RefuseTheUploadOfANewAppDll();
        var refused = await SyncAsync(auth, createVolume: false);
        Assert.True(refused.FailureCount > 0);
        Assert.Contains(authType == "azure-cli" ? "the request had Authorization: ***" : "the request had Authorization: ***; X-Databricks-Azure-SP-Management-Token: ***", _captured.ToString());

        Assert.Contains(_logger.Lines, line => line.StartsWith("Debug", StringComparison.Ordinal) && line.Contains("auth:", StringComparison.Ordinal));
        AssertNoSecretAnywhere([.. secrets]);
    }

    [Fact]
    public async Task A_wrong_azure_client_secret_fails_without_showing_it()
    {
        _server.Options.EchoCredentialsInErrors = true;
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-client-secret";
        _env.Variables["AZURE_AUTHORITY_HOST"] = _server.EntraAuthority.AbsoluteUri;
        _env.Variables["ARM_TENANT_ID"] = _server.Options.AzureTenantId;
        _env.Variables["ARM_CLIENT_ID"] = AzureClientId;
        _env.Variables["ARM_CLIENT_SECRET"] = AzureClientSecret + "-wrong";
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));

        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => SyncAsync(auth, createVolume: false));
        Capture(error.ToString());

        Assert.Equal("VOLSYNC1110", error.Code);
        AssertNoSecretAnywhere(AzureClientSecret);
    }

    /// <summary>A token the emulator accepts, as `az` would have got it from Entra ID.</summary>
    private async Task<string> IssueEntraTokenAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(
            new Uri(_server.BaseUri, $"/entra/{_server.Options.AzureTenantId}/oauth2/v2.0/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = AzureClientId,
                ["client_secret"] = AzureClientSecret,
                ["scope"] = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default",
            }));
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Changes app.dll and refuses (403) the upload of exactly its new remote name: the folder still lists, the run reports the file.</summary>
    private void RefuseTheUploadOfANewAppDll()
    {
        const string content = "content the server refuses";
        File.WriteAllText(Path.Combine(_source, "app.dll"), content);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        _server.Options.ForbiddenPathPrefixes.Add("/Volumes/main/default/vol/app/1.0.0/" + VolSync.Naming.HashedName.Format("app.dll", hash, 16));
    }

    /// <summary>Proves the hostile mode really echoes, so the tests above would see a leak.</summary>
    private async Task AssertTheEmulatorEchoesAsync(string authorization)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/2.1/unity-catalog/catalogs/nope");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        using var response = await http.SendAsync(request);
        Assert.Contains(authorization, await response.Content.ReadAsStringAsync());
        _logger.Log(SyncLogLevel.Debug, "echo checked");
    }
}
