using VolSync.Auth;
using VolSync.Diagnostics;
using VolSync.Emulator;

namespace VolSync.Core.Tests.Auth;

/// <summary>
/// Issue 12 item 3: a workspace that redirects its OAuth requests, or advertises a token endpoint on another
/// origin, must not get VolSync to send the client secret (or the GitHub ID token) anywhere else. Two emulators
/// on two loopback ports are two origins: the "foreign" one records whatever reaches it.
/// </summary>
public sealed class HostileAuthServerTests : IAsyncLifetime, IDisposable
{
    private const string ClientId = "sp-hostile";
    private const string ClientSecret = "dose-HOSTILE-never-leaves-4d2c";

    private readonly AuthTestEnvironment _env = new();
    private EmulatorServer _workspace = null!;
    private EmulatorServer _foreign = null!;

    public async Task InitializeAsync()
    {
        _workspace = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = Path.Combine(_env.Home, "workspace") });
        // The foreign origin accepts any client, so a secret that reached it would come back as a token.
        _foreign = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = Path.Combine(_env.Home, "foreign") });
        _env.Variables["DATABRICKS_HOST"] = _workspace.BaseUri.AbsoluteUri;
    }

    public async Task DisposeAsync()
    {
        await _workspace.DisposeAsync();
        await _foreign.DisposeAsync();
    }

    public void Dispose() => _env.Dispose();

    private string Foreign(string path) => new Uri(_foreign.BaseUri, path).AbsoluteUri;

    private void UseM2M()
    {
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret;
    }

    private async Task<VolSyncException> TokenFailsAsync()
    {
        var auth = await _env.ResolveAsync();
        return await Assert.ThrowsAnyAsync<VolSyncException>(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask());
    }

    [Fact]
    public async Task A_redirected_discovery_document_is_not_followed()
    {
        UseM2M();
        _workspace.Options.DiscoveryRedirectTo = Foreign("/oidc/.well-known/oauth-authorization-server");

        var error = await TokenFailsAsync();

        Assert.Equal("VOLSYNC1108", error.Code);
        Assert.Contains("redirect", error.Message);
        Assert.Contains(_foreign.BaseUri.Authority, error.Message);
        Assert.Empty(_foreign.Requests.Snapshot());
        Assert.DoesNotContain(ClientSecret, error.ToString());
    }

    [Fact]
    public async Task A_token_endpoint_on_another_origin_never_receives_the_client_secret()
    {
        UseM2M();
        _workspace.Options.AdvertisedTokenEndpoint = Foreign("/oidc/v1/token");

        var error = await TokenFailsAsync();

        Assert.Equal("VOLSYNC1109", error.Code);
        Assert.Contains(_foreign.BaseUri.Authority, error.Message);
        Assert.Contains(_workspace.BaseUri.Authority, error.Message);
        Assert.Empty(_foreign.Requests.Snapshot());
        Assert.DoesNotContain(_foreign.Requests.Snapshot(), r => r.HadAuthorization);
    }

    [Fact]
    public async Task A_token_endpoint_on_another_origin_never_receives_the_github_id_token()
    {
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_URL"] = new Uri(_workspace.BaseUri, "/github-actions/id-token?api-version=2.0").AbsoluteUri;
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-request-token-hostile";
        _workspace.Options.AdvertisedTokenEndpoint = Foreign("/oidc/v1/token");

        var error = await TokenFailsAsync();

        Assert.Equal("VOLSYNC1109", error.Code);
        Assert.Empty(_foreign.Requests.Snapshot());
        // The ID token is not even requested: its audience would have been the foreign URL.
        Assert.Equal(0, _workspace.Requests.Count("GET", "/github-actions/id-token"));
    }

    [Fact]
    public async Task A_token_endpoint_that_redirects_is_not_followed()
    {
        UseM2M();
        _workspace.Options.TokenEndpointRedirectTo = Foreign("/oidc/v1/token");

        var error = await TokenFailsAsync();

        Assert.Equal("VOLSYNC1108", error.Code);
        Assert.Empty(_foreign.Requests.Snapshot());
        Assert.DoesNotContain(ClientSecret, error.ToString());
    }

    [Fact]
    public async Task The_workspace_own_token_endpoint_still_works()
    {
        UseM2M();
        _workspace.Options.AdvertisedTokenEndpoint = new Uri(_workspace.BaseUri, "/oidc/v1/token").AbsoluteUri;

        var auth = await _env.ResolveAsync();
        Assert.StartsWith("Bearer ", await auth.Credentials.GetAuthorizationHeaderAsync());
    }
}
