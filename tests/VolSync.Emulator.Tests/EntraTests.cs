using System.Net.Http.Headers;

namespace VolSync.Emulator.Tests;

/// <summary>The Microsoft Entra ID stand-in, the Azure Databricks login redirect and the managed-identity stand-ins.</summary>
public sealed class EntraTests
{
    private const string DatabricksScope = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default";
    private const string ManagementScope = "https://management.core.windows.net//.default";

    private static Task<TestEmulator> StartWithAppAsync(string? resourceId = null) =>
        TestEmulator.StartAsync(root =>
        {
            var options = new EmulatorOptions { RootDirectory = root, RequiredToken = "only-this-pat", AzureWorkspaceResourceId = resourceId };
            options.AzureClients["app-1"] = "secret-1";
            return options;
        });

    private static string TokenPath(EmulatorServer server) => $"/entra/{server.Options.AzureTenantId}/oauth2/v2.0/token";

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<string> ClientSecretTokenAsync(EmulatorServer server, string scope = DatabricksScope)
    {
        using var anonymous = TestEmulator.NewClient(server, null);
        using var response = await anonymous.PostAsync(TokenPath(server), Form(("grant_type", "client_credentials"), ("client_id", "app-1"), ("client_secret", "secret-1"), ("scope", scope)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestEmulator.ReadJsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt64());
        return body.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task A_client_secret_token_for_azure_databricks_is_accepted_by_the_api()
    {
        await using var emu = await StartWithAppAsync();
        var token = await ClientSecretTokenAsync(emu.Server);

        using var api = TestEmulator.NewClient(emu.Server, token);
        using var list = await api.GetAsync(TestEmulator.Directories());

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task A_management_token_is_not_a_workspace_token()
    {
        await using var emu = await StartWithAppAsync();
        var management = await ClientSecretTokenAsync(emu.Server, ManagementScope);

        using var api = TestEmulator.NewClient(emu.Server, management);
        using var list = await api.GetAsync(TestEmulator.Directories());

        await TestEmulator.AssertFrontDoorErrorAsync(list, HttpStatusCode.Forbidden, "Invalid access token.");
    }

    [Fact]
    public async Task Wrong_secret_unknown_app_unknown_tenant_and_unknown_scope_answer_as_entra_does()
    {
        await using var emu = await StartWithAppAsync();
        using var anonymous = TestEmulator.NewClient(emu.Server, null);

        async Task<(HttpStatusCode Status, string Error, string Description)> PostAsync(string path, params (string, string)[] fields)
        {
            using var response = await anonymous.PostAsync(path, Form(fields));
            var body = await TestEmulator.ReadJsonAsync(response);
            return (response.StatusCode, body.GetProperty("error").GetString()!, body.GetProperty("error_description").GetString()!);
        }

        var wrongSecret = await PostAsync(TokenPath(emu.Server), ("grant_type", "client_credentials"), ("client_id", "app-1"), ("client_secret", "nope"), ("scope", DatabricksScope));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (wrongSecret.Status, wrongSecret.Error));
        Assert.StartsWith("AADSTS7000215: ", wrongSecret.Description);
        Assert.Contains(" Trace ID: ", wrongSecret.Description);

        var unknownApp = await PostAsync(TokenPath(emu.Server), ("grant_type", "client_credentials"), ("client_id", "app-2"), ("client_secret", "secret-1"), ("scope", DatabricksScope));
        Assert.Equal((HttpStatusCode.BadRequest, "unauthorized_client"), (unknownApp.Status, unknownApp.Error));

        var unknownTenant = await PostAsync("/entra/other-tenant/oauth2/v2.0/token", ("grant_type", "client_credentials"), ("client_id", "app-1"), ("client_secret", "secret-1"), ("scope", DatabricksScope));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (unknownTenant.Status, unknownTenant.Error));
        Assert.StartsWith("AADSTS90002: ", unknownTenant.Description);

        var unknownScope = await PostAsync(TokenPath(emu.Server), ("grant_type", "client_credentials"), ("client_id", "app-1"), ("client_secret", "secret-1"), ("scope", "all-apis"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_scope"), (unknownScope.Status, unknownScope.Error));
    }

    [Fact]
    public async Task A_github_id_token_for_AzureADTokenExchange_is_a_federated_assertion()
    {
        await using var emu = await StartWithAppAsync();
        using var github = TestEmulator.NewClient(emu.Server, "actions-request-token");

        async Task<string> IdTokenAsync(string audience)
        {
            using var response = await github.GetAsync("/github-actions/id-token?x=1&audience=" + Uri.EscapeDataString(audience));
            return (await TestEmulator.ReadJsonAsync(response)).GetProperty("value").GetString()!;
        }

        using var anonymous = TestEmulator.NewClient(emu.Server, null);
        (string, string)[] Fields(string assertion) =>
        [
            ("grant_type", "client_credentials"), ("client_id", "app-1"), ("scope", DatabricksScope),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", assertion),
        ];

        using var accepted = await anonymous.PostAsync(TokenPath(emu.Server), Form(Fields(await IdTokenAsync("api://AzureADTokenExchange"))));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var wrongAudience = await anonymous.PostAsync(TokenPath(emu.Server), Form(Fields(await IdTokenAsync("https://somewhere/else"))));
        Assert.Equal(HttpStatusCode.BadRequest, wrongAudience.StatusCode);
        Assert.Equal("invalid_client", (await TestEmulator.ReadJsonAsync(wrongAudience)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_login_redirect_names_the_tenant_and_is_not_an_api_call()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = emu.Server.BaseUri };

        using var response = await http.GetAsync("/aad/auth");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith($"{emu.Server.BaseUri.AbsoluteUri.TrimEnd('/')}/entra/{emu.Server.Options.AzureTenantId}/oauth2/authorize?", response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task The_instance_metadata_service_needs_the_metadata_header()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var http = TestEmulator.NewClient(emu.Server, null);
        const string path = "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

        using var refused = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, path + "&client_id=mi-1");
        request.Headers.Add("Metadata", "true");
        using var answered = await http.SendAsync(request);
        var body = await TestEmulator.ReadJsonAsync(answered);
        Assert.Equal("mi-1", body.GetProperty("client_id").GetString());
        Assert.Equal("3600", body.GetProperty("expires_in").GetString());
        Assert.True(long.Parse(body.GetProperty("expires_on").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        using var api = TestEmulator.NewClient(emu.Server, body.GetProperty("access_token").GetString());
        using var list = await api.GetAsync(TestEmulator.Directories());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task The_app_service_endpoint_needs_the_identity_header()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var http = TestEmulator.NewClient(emu.Server, null);
        const string path = "/msi/token?api-version=2019-08-01&resource=2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

        using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
        wrong.Headers.Add("X-IDENTITY-HEADER", "wrong");
        using var refused = await http.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, path);
        right.Headers.Add("X-IDENTITY-HEADER", emu.Server.Options.IdentityHeader);
        using var answered = await http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.False((await TestEmulator.ReadJsonAsync(answered)).TryGetProperty("expires_in", out _));
    }

    [Fact]
    public async Task A_resource_id_header_must_name_this_workspace_and_its_management_token_must_be_valid()
    {
        const string resourceId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w";
        await using var emu = await StartWithAppAsync(resourceId);
        var token = await ClientSecretTokenAsync(emu.Server);
        var management = await ClientSecretTokenAsync(emu.Server, ManagementScope);
        using var api = TestEmulator.NewClient(emu.Server, token);

        async Task<HttpStatusCode> StatusAsync(string id, string? managementToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, TestEmulator.Directories());
            request.Headers.Add("X-Databricks-Azure-Workspace-Resource-Id", id);
            if (managementToken is not null)
            {
                request.Headers.Add("X-Databricks-Azure-SP-Management-Token", managementToken);
            }

            using var response = await api.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(resourceId, management));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(resourceId, null));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(resourceId + "-other", management));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(resourceId, token));

        var recorded = emu.Server.Requests.Snapshot().Last(r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
        Assert.Equal(resourceId, recorded.DatabricksHeaders["X-Databricks-Azure-Workspace-Resource-Id"]);
        Assert.Equal("***", recorded.DatabricksHeaders["X-Databricks-Azure-SP-Management-Token"]);
    }

    [Fact]
    public async Task Entra_errors_quote_credentials_back_in_hostile_mode_before_the_trace_ids()
    {
        await using var emu = await StartWithAppAsync();
        emu.Server.Options.EchoCredentialsInErrors = true;
        using var anonymous = TestEmulator.NewClient(emu.Server, null);
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath(emu.Server))
        {
            Content = Form(("grant_type", "client_credentials"), ("client_id", "app-1"), ("scope", DatabricksScope)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "YXBwLTE6d3Jvbmc=");

        using var response = await anonymous.SendAsync(request);

        var description = (await TestEmulator.ReadJsonAsync(response)).GetProperty("error_description").GetString()!;
        Assert.Contains("(the request had Authorization: Basic YXBwLTE6d3Jvbmc=) Trace ID:", description);
    }
}
