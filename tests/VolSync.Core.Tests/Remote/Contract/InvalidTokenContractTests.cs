using System.Net;
using VolSync.Auth;
using VolSync.Core.Tests.Auth;
using VolSync.Emulator;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Contract;

/// <summary>
/// A token the workspace does not accept, resolved the way users configure it (DATABRICKS_TOKEN, a profile, OAuth M2M),
/// against the emulator's front door (403 "Invalid access token.", numeric error_code): the coded error names where
/// the credential came from and says to renew it; it never gives the grant advice of a real permission error.
/// </summary>
public sealed class InvalidTokenContractTests : IAsyncLifetime, IDisposable
{
    private const string AcceptedToken = "dapi-accepted-0001";
    private const string DeadToken = "dapi-dead-token-9999";
    private const string ClientId = "sp-ci";
    private const string ClientSecret = "m2m-secret-value-4444";

    private readonly AuthTestEnvironment _env = new();
    private EmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { RootDirectory = Path.Combine(_env.Home, "emulator"), RequiredToken = AcceptedToken };
        options.OAuthClients[ClientId] = ClientSecret;
        _server = await EmulatorServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _env.Dispose();

    private string Host => _server.BaseUri.AbsoluteUri.TrimEnd('/');

    [Fact]
    public async Task A_dead_token_from_DATABRICKS_TOKEN_is_1030_naming_the_variable()
    {
        _env.Variables["DATABRICKS_HOST"] = Host;
        _env.Variables["DATABRICKS_TOKEN"] = DeadToken;

        var ex = await FailAsync(await _env.ResolveAsync());

        Assert.Contains("personal access token from DATABRICKS_TOKEN", ex.Message);
        Assert.Contains("create a new personal access token", ex.Message);
    }

    [Fact]
    public async Task A_dead_token_from_profile_ci_is_1030_naming_the_profile()
    {
        _env.WriteConfig($"[ci]\nhost = {Host}\ntoken = {DeadToken}\n");

        var ex = await FailAsync(await _env.ResolveAsync(profile: "ci"));

        Assert.Contains("personal access token from profile 'ci'", ex.Message);
        Assert.Contains("create a new personal access token", ex.Message);
    }

    [Fact]
    public async Task A_revoked_oauth_m2m_token_is_1030_naming_the_service_principal()
    {
        _env.Variables["DATABRICKS_HOST"] = Host;
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret;
        var auth = await _env.ResolveAsync();
        using (var client = new DatabricksClient(auth.Host, auth.Credentials))
        {
            Assert.True(await client.CatalogExistsAsync("main"));
        }

        // The cached token is still fresh for the client, but the workspace no longer knows it.
        _server.RevokeIssuedTokens();
        var ex = await FailAsync(auth);

        Assert.Contains($"service principal {ClientId} (oauth-m2m, DATABRICKS_CLIENT_SECRET)", ex.Message);
        Assert.Contains("create a new OAuth secret", ex.Message);
        Assert.DoesNotContain(ClientSecret, ex.ToString());
    }

    [Fact]
    public async Task A_refusal_of_a_head_request_is_recognised_from_the_reason_phrase_header_alone()
    {
        using var client = new DatabricksClient(_server.BaseUri, new PatCredentials(DeadToken, "personal access token (contract tests)"));

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.GetFileMetadataAsync("/Volumes/main/default/vol/a.txt"));

        Assert.Equal("VOLSYNC1030", ex.Code);
        Assert.Contains("Invalid access token.", ex.Message);
    }

    [Fact]
    public async Task A_reason_phrase_header_that_quotes_the_token_back_is_scrubbed()
    {
        _server.Options.EchoCredentialsInErrors = true;
        using var client = new DatabricksClient(_server.BaseUri, new PatCredentials(DeadToken, "personal access token (contract tests)"));

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.GetFileMetadataAsync("/Volumes/main/default/vol/a.txt"));

        Assert.Equal("VOLSYNC1030", ex.Code);
        Assert.Contains("Authorization: ***", ex.Message);
        Assert.DoesNotContain(DeadToken, ex.ToString());
    }

    private async Task<DatabricksApiException> FailAsync(ResolvedAuth auth)
    {
        using var client = new DatabricksClient(auth.Host, auth.Credentials);

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.CatalogExistsAsync("main"));

        Assert.Equal("VOLSYNC1030", ex.Code);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("403", ex.ErrorCode);
        Assert.Contains(Host, ex.Message);
        Assert.Contains("not a missing permission", ex.Message);
        Assert.DoesNotContain("USE CATALOG", ex.Message);
        Assert.DoesNotContain(DeadToken, ex.ToString());
        // Refused once, not retried.
        Assert.Single(_server.Requests.Snapshot(), r => r.Status == 403);
        return ex;
    }
}
