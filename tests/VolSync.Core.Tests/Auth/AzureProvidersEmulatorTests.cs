using System.Net;
using VolSync.Auth;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Auth;

/// <summary>
/// The Azure providers end to end against the emulator's Microsoft Entra ID stand-in, its managed-identity
/// endpoints and a fake <c>az</c>, over real HTTP. The workspace is on loopback, so these select the provider with
/// an auth type; <see cref="AzureAutoDetectionTests"/> covers the chain on Azure-looking hosts.
/// </summary>
public sealed class AzureProvidersEmulatorTests : IAsyncLifetime, IDisposable
{
    private const string ClientId = "app-1111-azure";
    private const string ClientSecret = "azure-secret-2222-value";
    private const string EntraTokenPath = "/entra/";
    private const string ResourceId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/ws";

    private readonly AuthTestEnvironment _env = new();
    private EmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { RootDirectory = Path.Combine(_env.Home, "emulator"), RequiredToken = "dapi-only-the-pat-otherwise", AzureWorkspaceResourceId = ResourceId };
        options.AzureClients[ClientId] = ClientSecret;
        _server = await EmulatorServer.StartAsync(options);
        _env.Variables["DATABRICKS_HOST"] = _server.BaseUri.AbsoluteUri;
        _env.Variables["AZURE_AUTHORITY_HOST"] = _server.EntraAuthority.AbsoluteUri;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _env.Dispose();

    private string Tenant => _server.Options.AzureTenantId;

    private int EntraTokenRequests => _server.Requests.Count("POST", EntraTokenPath);

    private void UseClientSecret(string secret = ClientSecret, bool withTenant = true)
    {
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-client-secret";
        _env.Variables["ARM_CLIENT_ID"] = ClientId;
        _env.Variables["ARM_CLIENT_SECRET"] = secret;
        if (withTenant)
        {
            _env.Variables["ARM_TENANT_ID"] = Tenant;
        }
    }

    private static async Task AssertApiAcceptsAsync(ResolvedAuth auth)
    {
        using var client = new DatabricksClient(auth.Host, auth.Credentials);
        Assert.True(await client.CatalogExistsAsync("main"));
    }

    [Fact]
    public async Task Client_secret_from_the_environment_gets_an_entra_token_the_api_accepts()
    {
        UseClientSecret();
        var auth = await _env.ResolveAsync();

        Assert.Equal("azure-client-secret", auth.Credentials.AuthType);
        Assert.Equal($"Entra ID service principal {ClientId} (azure-client-secret, ARM_CLIENT_SECRET)", auth.Credentials.Identity);
        await AssertApiAcceptsAsync(auth);
        var token = Assert.Single(_server.Requests.Snapshot(), r => r.Method == "POST" && r.Path.StartsWith(EntraTokenPath, StringComparison.Ordinal));
        Assert.Equal($"/entra/{Tenant}/oauth2/v2.0/token", token.Path);
        Assert.Equal(0, _server.Requests.Count("GET", "/aad/auth"));
    }

    [Fact]
    public async Task Client_secret_from_a_profile_works_end_to_end()
    {
        _env.Variables.Remove("DATABRICKS_HOST");
        _env.WriteConfig($"""
            [azure-ci]
            host = {_server.BaseUri.AbsoluteUri}
            auth_type = azure-client-secret
            azure_tenant_id = {Tenant}
            azure_client_id = {ClientId}
            azure_client_secret = {ClientSecret}
            """);

        var auth = await _env.ResolveAsync(profile: "azure-ci");

        Assert.Equal($"Entra ID service principal {ClientId} (azure-client-secret, profile 'azure-ci')", auth.Credentials.Identity);
        await AssertApiAcceptsAsync(auth);
    }

    [Fact]
    public async Task Without_a_tenant_it_is_read_from_the_workspace_login_redirect()
    {
        UseClientSecret(withTenant: false);
        var auth = await _env.ResolveAsync();

        await AssertApiAcceptsAsync(auth);

        Assert.Equal(1, _server.Requests.Count("GET", "/aad/auth"));
        Assert.Contains(_server.Requests.Snapshot(), r => r.Path == $"/entra/{Tenant}/oauth2/v2.0/token");
    }

    [Fact]
    public async Task A_tenant_that_cannot_be_discovered_is_a_coded_error_asking_for_ARM_TENANT_ID()
    {
        UseClientSecret(withTenant: false);
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(host: new Uri(_server.BaseUri, "/no-workspace-here").AbsoluteUri));

        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask());

        Assert.Equal("VOLSYNC1112", error.Code);
        Assert.Contains("ARM_TENANT_ID", error.Message);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_a_coded_error_naming_the_principal_but_not_the_secret()
    {
        UseClientSecret(secret: "azure-secret-WRONG-9999");
        var auth = await _env.ResolveAsync();

        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask());

        Assert.Equal("VOLSYNC1110", error.Code);
        Assert.Contains($"Entra ID service principal {ClientId}", error.Message);
        Assert.Contains("HTTP 401 invalid_client: AADSTS7000215", error.Message);
        Assert.DoesNotContain("Trace ID", error.Message);
        Assert.DoesNotContain("azure-secret-WRONG-9999", error.ToString());
    }

    [Fact]
    public async Task Entra_tokens_are_reused_and_refreshed_forty_seconds_before_expiry()
    {
        UseClientSecret();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(), clock, CancellationToken.None);
        var start = clock.Now;
        var first = await auth.Credentials.GetAuthorizationHeaderAsync();
        // The token's expiry is an instant Entra stamped between these two moments (seconds apart on a busy machine).
        var issuedBy = DateTimeOffset.UtcNow;
        Assert.Equal(first, await auth.Credentials.GetAuthorizationHeaderAsync());

        clock.Now = start + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(41);
        Assert.Equal(first, await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal(1, EntraTokenRequests);

        clock.Now = issuedBy + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(39);
        Assert.NotEqual(first, await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal(2, EntraTokenRequests);
    }

    [Fact]
    public async Task With_a_resource_id_requests_carry_it_and_a_management_token()
    {
        UseClientSecret();
        _env.Variables["DATABRICKS_AZURE_RESOURCE_ID"] = ResourceId;
        var auth = await _env.ResolveAsync();

        await AssertApiAcceptsAsync(auth);

        var api = Assert.Single(_server.Requests.Snapshot(), r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
        Assert.Equal(ResourceId, api.DatabricksHeaders["X-Databricks-Azure-Workspace-Resource-Id"]);
        Assert.Equal("***", api.DatabricksHeaders["X-Databricks-Azure-SP-Management-Token"]);
        Assert.Equal(2, EntraTokenRequests);
    }

    [Fact]
    public async Task Without_a_resource_id_no_azure_headers_are_sent()
    {
        UseClientSecret();
        var auth = await _env.ResolveAsync();

        await AssertApiAcceptsAsync(auth);

        var api = Assert.Single(_server.Requests.Snapshot(), r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
        Assert.DoesNotContain(api.DatabricksHeaders.Keys, name => name.Contains("Azure", StringComparison.Ordinal));
        Assert.Equal(1, EntraTokenRequests);
    }

    [Fact]
    public async Task A_plain_http_authority_host_that_is_not_loopback_is_refused()
    {
        UseClientSecret();
        _env.Variables["AZURE_AUTHORITY_HOST"] = "http://login.example.com/";

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC2107", error.Code);
        Assert.Contains("AZURE_AUTHORITY_HOST", error.Message);
    }

    [Fact]
    public async Task GitHub_oidc_to_azure_presents_the_github_id_token_as_a_federated_assertion()
    {
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "github-oidc-azure";
        _env.Variables["ARM_CLIENT_ID"] = ClientId;
        _env.Variables["ARM_TENANT_ID"] = Tenant;
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_URL"] = new Uri(_server.BaseUri, "/github-actions/id-token?api-version=2.0").AbsoluteUri;
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-request-token-azure";

        var auth = await _env.ResolveAsync();

        Assert.Equal("github-oidc-azure", auth.Credentials.AuthType);
        await AssertApiAcceptsAsync(auth);
        var idToken = Assert.Single(_server.Requests.Snapshot(), r => r.Path == "/github-actions/id-token");
        Assert.EndsWith("&audience=" + Uri.EscapeDataString("api://AzureADTokenExchange"), idToken.RawPathAndQuery);
        Assert.Equal(1, EntraTokenRequests);
    }

    [Fact]
    public async Task Managed_identity_through_the_instance_metadata_service()
    {
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-msi";
        _env.Variables["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = _server.BaseUri.AbsoluteUri;

        var auth = await _env.ResolveAsync();

        Assert.Equal("managed identity (system-assigned)", auth.Credentials.Identity);
        await AssertApiAcceptsAsync(auth);
        var imds = Assert.Single(_server.Requests.Snapshot(), r => r.Path == "/metadata/identity/oauth2/token");
        Assert.Equal(200, imds.Status);
        Assert.Contains("resource=2ff814a6-3304-4ab8-85cb-cd0e6f879c1d", imds.RawPathAndQuery);
        Assert.DoesNotContain("client_id", imds.RawPathAndQuery);
    }

    [Fact]
    public async Task A_user_assigned_managed_identity_is_named_by_ARM_CLIENT_ID()
    {
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-msi";
        _env.Variables["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = _server.BaseUri.AbsoluteUri;
        _env.Variables["ARM_CLIENT_ID"] = "mi-client-3333";

        var auth = await _env.ResolveAsync();

        Assert.Equal("managed identity mi-client-3333 (user-assigned, ARM_CLIENT_ID)", auth.Credentials.Identity);
        await AssertApiAcceptsAsync(auth);
        Assert.Contains(_server.Requests.Snapshot(), r => r.RawPathAndQuery.Contains("&client_id=mi-client-3333", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Managed_identity_through_the_app_service_endpoint()
    {
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-msi";
        _env.Variables["IDENTITY_ENDPOINT"] = new Uri(_server.BaseUri, "/msi/token").AbsoluteUri;
        _env.Variables["IDENTITY_HEADER"] = _server.Options.IdentityHeader;

        var auth = await _env.ResolveAsync();

        await AssertApiAcceptsAsync(auth);
        var msi = Assert.Single(_server.Requests.Snapshot(), r => r.Path == "/msi/token");
        Assert.Contains("api-version=2019-08-01", msi.RawPathAndQuery);
    }

    [Fact]
    public async Task A_wrong_app_service_identity_header_is_a_coded_error_without_the_header()
    {
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-msi";
        _env.Variables["IDENTITY_ENDPOINT"] = new Uri(_server.BaseUri, "/msi/token").AbsoluteUri;
        _env.Variables["IDENTITY_HEADER"] = "identity-header-WRONG-4444";
        var auth = await _env.ResolveAsync();

        var error = await Assert.ThrowsAnyAsync<VolSyncException>(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask());

        Assert.Equal("VOLSYNC1118", error.Code);
        Assert.Contains("HTTP 401", error.Message);
        Assert.DoesNotContain("identity-header-WRONG-4444", error.ToString());
    }

    [Fact]
    public async Task A_managed_identity_endpoint_on_a_public_http_host_is_refused()
    {
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-msi";
        _env.Variables["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = "http://metadata.example.com";

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC2110", error.Code);
    }

    [Fact]
    public async Task Azure_cli_token_and_expiry_are_read_from_az_and_the_api_accepts_it()
    {
        var token = await IssueEntraTokenAsync();
        var bin = Path.Combine(_env.Home, "bin");
        FakeAzureCli.Write(bin, FakeAzureCli.Token(token, DateTimeOffset.UtcNow.AddHours(1)));
        _env.Variables["PATH"] = bin;
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-cli";
        _env.Variables["ARM_TENANT_ID"] = Tenant;

        var auth = await _env.ResolveAsync();

        Assert.Equal("azure-cli", auth.Credentials.AuthType);
        Assert.Equal("Bearer " + token, await auth.Credentials.GetAuthorizationHeaderAsync());
        await AssertApiAcceptsAsync(auth);
        var run = Assert.Single(FakeAzureCli.Runs(bin));
        Assert.Equal($"account get-access-token --resource 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d --output json --tenant {Tenant}", run);
    }

    [Fact]
    public async Task Azure_cli_tokens_are_fetched_again_when_they_near_expiry()
    {
        var bin = Path.Combine(_env.Home, "bin");
        // Expires in 30 s: within the 40 s margin, so every use asks az again.
        FakeAzureCli.Write(bin, FakeAzureCli.Token("az-token-short", DateTimeOffset.UtcNow.AddSeconds(30), withUnixExpiry: false));
        _env.Variables["PATH"] = bin;
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-cli";
        _env.Variables["ARM_TENANT_ID"] = Tenant;

        var auth = await _env.ResolveAsync();
        await auth.Credentials.GetAuthorizationHeaderAsync();

        Assert.Equal(2, FakeAzureCli.Runs(bin).Length);
    }

    [Fact]
    public async Task Azure_cli_without_a_tenant_discovers_it_and_passes_it()
    {
        var bin = Path.Combine(_env.Home, "bin");
        FakeAzureCli.Write(bin, FakeAzureCli.Token("az-token", DateTimeOffset.UtcNow.AddHours(1)));
        _env.Variables["PATH"] = bin;
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-cli";

        await _env.ResolveAsync();

        Assert.EndsWith("--tenant " + Tenant, Assert.Single(FakeAzureCli.Runs(bin)));
    }

    [Fact]
    public async Task Azure_cli_not_logged_in_is_a_coded_error_that_says_az_login()
    {
        var bin = Path.Combine(_env.Home, "bin");
        FakeAzureCli.Write(bin, string.Empty, exitCode: 1, stderr: "ERROR: Please run 'az login' to setup account.");
        _env.Variables["PATH"] = bin;
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-cli";
        _env.Variables["ARM_TENANT_ID"] = Tenant;

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC1113", error.Code);
        Assert.Contains("az login", error.Message);
        // Not logged in is not retried without --tenant.
        Assert.Single(FakeAzureCli.Runs(bin));
    }

    [Fact]
    public async Task Azure_cli_missing_is_a_coded_error()
    {
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-cli";

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC2104", error.Code);
        Assert.Contains("the Azure CLI ('az') was not found on PATH", error.Message);
    }

    [Fact]
    public async Task Azure_cli_that_refuses_the_tenant_is_asked_again_without_it()
    {
        var bin = Path.Combine(_env.Home, "bin");
        var script = FakeAzureCli.Write(bin, string.Empty);
        // Fails with --tenant (as a managed-identity login does), succeeds without.
        File.WriteAllText(script, $$"""
            #!/usr/bin/env bash
            echo "$*" >> "$(dirname "$0")/az-args.txt"
            case "$*" in *--tenant*) echo "ERROR: Tenant shouldn't be specified for managed identity account" >&2; exit 1 ;; esac
            echo '{{FakeAzureCli.Token("az-token-mi", DateTimeOffset.UtcNow.AddHours(1))}}'
            """);
        _env.Variables["PATH"] = bin;
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-cli";
        _env.Variables["ARM_TENANT_ID"] = Tenant;

        var auth = await _env.ResolveAsync();

        Assert.Equal("Bearer az-token-mi", await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal(2, FakeAzureCli.Runs(bin).Length);
    }

    [Fact]
    public async Task Azure_cli_output_that_is_not_a_token_is_a_coded_error()
    {
        var bin = Path.Combine(_env.Home, "bin");
        FakeAzureCli.Write(bin, "{\"tokenType\":\"Bearer\"}");
        _env.Variables["PATH"] = bin;
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-cli";
        _env.Variables["ARM_TENANT_ID"] = Tenant;

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC1115", error.Code);
    }

    /// <summary>A token the emulator accepts, as `az` would have got it from Entra ID.</summary>
    private async Task<string> IssueEntraTokenAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(
            new Uri(_server.BaseUri, $"/entra/{Tenant}/oauth2/v2.0/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = ClientId,
                ["client_secret"] = ClientSecret,
                ["scope"] = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default",
            }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _server.Requests.Clear();
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
