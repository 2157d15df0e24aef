using System.Net;
using VolSync.Auth;
using VolSync.Emulator;

namespace VolSync.Core.Tests.Auth;

/// <summary>
/// The chain without an auth type on Azure-looking hosts, as the SDKs decide: the host's DNS zone (or a resource id)
/// makes the Azure methods candidates. Nothing here talks to the Azure-looking host itself: tokens come from the
/// emulator's Entra ID stand-in or a fake <c>az</c>, and the tenant is given.
/// </summary>
public sealed class AzureAutoDetectionTests : IAsyncLifetime, IDisposable
{
    private const string AzureHost = "https://adb-1234567890123456.7.azuredatabricks.net";

    private readonly AuthTestEnvironment _env = new();
    private EmulatorServer _entra = null!;

    public async Task InitializeAsync()
    {
        _entra = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = Path.Combine(_env.Home, "emulator") });
        _env.Variables["DATABRICKS_HOST"] = AzureHost;
        _env.Variables["AZURE_AUTHORITY_HOST"] = _entra.EntraAuthority.AbsoluteUri;
        _env.Variables["ARM_TENANT_ID"] = _entra.Options.AzureTenantId;
    }

    public async Task DisposeAsync() => await _entra.DisposeAsync();

    public void Dispose() => _env.Dispose();

    private void UseClientSecret()
    {
        _env.Variables["ARM_CLIENT_ID"] = "app-auto";
        _env.Variables["ARM_CLIENT_SECRET"] = "azure-secret-auto";
    }

    private string FakeAz(string token = "az-token-auto", int exitCode = 0, string stderr = "")
    {
        var bin = Path.Combine(_env.Home, "bin");
        FakeAzureCli.Write(bin, exitCode == 0 ? FakeAzureCli.Token(token, DateTimeOffset.UtcNow.AddHours(1)) : string.Empty, exitCode, stderr);
        _env.Variables["PATH"] = bin;
        return bin;
    }

    [Fact]
    public async Task An_azure_client_secret_on_an_azure_host_needs_no_auth_type()
    {
        UseClientSecret();

        var auth = await _env.ResolveAsync();

        Assert.Equal("azure-client-secret", auth.Credentials.AuthType);
        Assert.Equal(AzureHost + "/", auth.Host.AbsoluteUri);
        Assert.StartsWith("Bearer emu-entra-", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task A_logged_in_az_on_an_azure_host_is_used_when_nothing_else_is_configured()
    {
        var bin = FakeAz();

        var auth = await _env.ResolveAsync();

        Assert.Equal("azure-cli", auth.Credentials.AuthType);
        Assert.Equal("Bearer az-token-auto", await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Single(FakeAzureCli.Runs(bin));
    }

    [Fact]
    public async Task Az_that_is_not_logged_in_is_skipped_and_the_error_says_what_was_tried()
    {
        FakeAz(exitCode: 1, stderr: "ERROR: Please run 'az login' to setup account.");

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC2100", error.Code);
        Assert.Contains("Azure CLI (found at", error.Message);
        Assert.Contains("it gave no token (VOLSYNC1113)", error.Message);
        Assert.Contains("'az login' (azure-cli)", error.Message);
        Assert.Contains("ARM_CLIENT_SECRET (azure-client-secret)", error.Message);
    }

    [Fact]
    public async Task ARM_USE_MSI_on_an_azure_host_selects_the_managed_identity()
    {
        _env.Variables["ARM_USE_MSI"] = "true";
        _env.Variables["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = _entra.BaseUri.AbsoluteUri;
        UseClientSecret();

        var auth = await _env.ResolveAsync();

        Assert.Equal("azure-msi", auth.Credentials.AuthType);
        Assert.StartsWith("Bearer emu-entra-", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task GitHub_actions_variables_and_an_azure_client_id_select_github_oidc_azure()
    {
        _env.Variables["ARM_CLIENT_ID"] = "app-federated";
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_URL"] = new Uri(_entra.BaseUri, "/github-actions/id-token?api-version=2.0").AbsoluteUri;
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-request-auto";

        var auth = await _env.ResolveAsync();

        Assert.Equal("github-oidc-azure", auth.Credentials.AuthType);
        Assert.StartsWith("Bearer emu-entra-", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task A_client_secret_wins_over_github_actions_variables()
    {
        UseClientSecret();
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_URL"] = new Uri(_entra.BaseUri, "/github-actions/id-token?api-version=2.0").AbsoluteUri;
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-request-auto";

        var auth = await _env.ResolveAsync();

        Assert.Equal("azure-client-secret", auth.Credentials.AuthType);
    }

    [Fact]
    public async Task A_resource_id_makes_a_host_azure()
    {
        _env.Variables["DATABRICKS_HOST"] = "https://workspace.example.com";
        _env.Variables["DATABRICKS_AZURE_RESOURCE_ID"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w";
        UseClientSecret();

        var auth = await _env.ResolveAsync();

        Assert.Equal("azure-client-secret", auth.Credentials.AuthType);
    }

    [Fact]
    public async Task On_a_host_that_is_not_azure_the_azure_settings_are_not_used_and_the_error_says_why()
    {
        _env.Variables["DATABRICKS_HOST"] = "https://dbc-1234.cloud.databricks.com";
        UseClientSecret();
        FakeAz();

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC2100", error.Code);
        Assert.Contains("is not an Azure Databricks host", error.Message);
        Assert.Contains("set DATABRICKS_AUTH_TYPE", error.Message);
        Assert.DoesNotContain("azure-secret-auto", error.Message);
    }

    [Fact]
    public async Task An_explicit_auth_type_selects_its_provider_whatever_else_is_set()
    {
        UseClientSecret();
        _env.Variables["DATABRICKS_TOKEN"] = "dapi-also-set";
        _env.Variables["DATABRICKS_AUTH_TYPE"] = "azure-client-secret";

        var auth = await _env.ResolveAsync();

        Assert.Equal("azure-client-secret", auth.Credentials.AuthType);
    }

    [Fact]
    public async Task A_token_and_an_azure_client_secret_without_an_auth_type_conflict()
    {
        UseClientSecret();
        _env.Variables["DATABRICKS_TOKEN"] = "dapi-also-set";

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC2102", error.Code);
        Assert.Contains("pat (token from DATABRICKS_TOKEN) and azure-client-secret (Azure client secret from ARM_CLIENT_SECRET)", error.Message);
        Assert.DoesNotContain("azure-secret-auto", error.Message);
    }

    [Fact]
    public async Task Azure_settings_without_a_host_ask_for_the_host()
    {
        _env.Variables.Remove("DATABRICKS_HOST");
        UseClientSecret();

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC2105", error.Code);
        Assert.Contains("azure_client_id from ARM_CLIENT_ID", error.Message);
    }

    [Fact]
    public async Task Azure_settings_make_the_config_file_unread_unless_a_profile_is_named()
    {
        _env.Variables.Remove("DATABRICKS_HOST");
        _env.WriteConfig($"[DEFAULT]\nhost = {AzureHost}\ntoken = dapi-from-file\n");
        UseClientSecret();

        var error = await _env.ResolveFailsAsync();

        Assert.Equal("VOLSYNC2105", error.Code);
        Assert.Contains("not read: a host or credential was already set", error.Message);
    }
}

/// <summary>Which Entra ID authority, application and scopes a host or ARM_ENVIRONMENT leads to, seen on the wire (a stub answers).</summary>
public sealed class AzureCloudSelectionTests : IDisposable
{
    private readonly AuthTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    [Theory]
    [InlineData("https://adb-1.2.azuredatabricks.net", null, "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token", "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default")]
    [InlineData("https://adb-1.2.databricks.azure.us", null, "https://login.microsoftonline.us/tenant-1/oauth2/v2.0/token", "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default")]
    [InlineData("https://adb-1.2.databricks.azure.cn", "PUBLIC", "https://login.chinacloudapi.cn/tenant-1/oauth2/v2.0/token", "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default")]
    [InlineData("https://adb-1.2.staging.azuredatabricks.net", null, "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token", "4a67d088-db5c-48f1-9ff2-0aace800ae68/.default")]
    [InlineData("http://127.0.0.1:1", "AzureChinaCloud", "https://login.chinacloudapi.cn/tenant-1/oauth2/v2.0/token", "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default")]
    [InlineData("http://127.0.0.1:1", null, "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token", "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default")]
    public async Task The_host_then_ARM_ENVIRONMENT_choose_the_cloud(string host, string? environment, string tokenUrl, string scope)
    {
        _env.Variables["ARM_TENANT_ID"] = "tenant-1";
        _env.Variables["ARM_CLIENT_ID"] = "app-1";
        _env.Variables["ARM_CLIENT_SECRET"] = "secret-1";
        if (environment is not null)
        {
            _env.Variables["ARM_ENVIRONMENT"] = environment;
        }

        using var stub = new TokenStub();
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(host: host, authType: "azure-client-secret", handler: stub));
        await auth.Credentials.GetAuthorizationHeaderAsync();

        var request = Assert.Single(stub.Requests);
        Assert.Equal(tokenUrl, request.Url);
        Assert.Contains("grant_type=client_credentials", request.Body);
        Assert.Contains("client_id=app-1", request.Body);
        Assert.Contains("client_secret=secret-1", request.Body);
        Assert.Contains("scope=" + Uri.EscapeDataString(scope), request.Body);
    }

    [Fact]
    public async Task The_management_token_is_for_the_clouds_management_endpoint()
    {
        _env.Variables["ARM_TENANT_ID"] = "tenant-1";
        _env.Variables["ARM_CLIENT_ID"] = "app-1";
        _env.Variables["ARM_CLIENT_SECRET"] = "secret-1";
        _env.Variables["DATABRICKS_AZURE_RESOURCE_ID"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w";

        using var stub = new TokenStub();
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(host: "https://adb-1.2.databricks.azure.us", handler: stub));
        var headers = await auth.Credentials.GetAdditionalHeadersAsync();

        Assert.Equal(["X-Databricks-Azure-Workspace-Resource-Id", "X-Databricks-Azure-SP-Management-Token"], headers.Select(h => h.Key));
        Assert.Contains(stub.Requests, r => r.Body.Contains("scope=" + Uri.EscapeDataString("https://management.core.usgovcloudapi.net//.default"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_ARM_ENVIRONMENT_is_a_coded_error()
    {
        _env.Variables["ARM_ENVIRONMENT"] = "MARS";
        _env.Variables["ARM_CLIENT_ID"] = "app-1";
        _env.Variables["ARM_CLIENT_SECRET"] = "secret-1";

        var error = await _env.ResolveFailsAsync(host: "http://127.0.0.1:1", authType: "azure-client-secret");

        Assert.Equal("VOLSYNC2109", error.Code);
        Assert.Contains("ARM_ENVIRONMENT", error.Message);
    }

    [Fact]
    public async Task A_tenant_that_is_not_an_id_is_refused_before_it_reaches_a_url()
    {
        _env.Variables["ARM_TENANT_ID"] = "../../evil";
        _env.Variables["ARM_CLIENT_ID"] = "app-1";
        _env.Variables["ARM_CLIENT_SECRET"] = "secret-1";

        var error = await _env.ResolveFailsAsync(host: "https://adb-1.2.azuredatabricks.net");

        Assert.Equal("VOLSYNC2111", error.Code);
    }

    private sealed class TokenStub : HttpMessageHandler
    {
        public List<(string Url, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add((request.RequestUri!.AbsoluteUri, body));
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"token_type":"Bearer","expires_in":3599,"access_token":"stub-token"}"""), RequestMessage = request };
        }
    }
}
