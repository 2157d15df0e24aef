using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>
/// Issue 12 item 4 at the process level: what the tool prints on stderr and in <c>--json</c> never contains a
/// password from a host URL or a token a server quoted back.
/// </summary>
public sealed class SecretOutputTests
{
    [Fact]
    public async Task A_host_with_a_password_is_refused_without_printing_the_password()
    {
        const string password = "PW-CLI-LEAKCHECK-41aa";
        using var tool = new VolsyncTool();
        using var local = new LocalTree(("a.txt", "a"));
        tool.Environment["DATABRICKS_TOKEN"] = "dapi-cli-leakcheck";

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--host", $"https://ci:{password}@adb-1.2.azuredatabricks.net", "--json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error VOLSYNC2072:", run.StdErr);
        Assert.Contains("https://***@adb-1.2.azuredatabricks.net", run.StdErr);
        Assert.Contains("\"code\": \"VOLSYNC2072\"", run.StdOut);
        Assert.DoesNotContain(password, run.AllOutput);
        Assert.DoesNotContain("dapi-cli-leakcheck", run.AllOutput);
    }

    [Fact]
    public async Task A_server_that_quotes_the_token_back_in_errors_does_not_get_it_printed()
    {
        const string token = "dapi-CLI-ECHO-LEAKCHECK-77c1";
        await using var emulator = await TestEmulator.StartAsync(o => o.EchoCredentialsInErrors = true, token);
        using var tool = new VolsyncTool(emulator.BaseUri, token);
        using var local = new LocalTree(("ok.txt", "fine"), ("locked/x.txt", "no"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        emulator.Options.ForbiddenPathPrefixes.Add("/Volumes/main/default/apps/" + local.RemoteName("locked/x.txt"));

        var failing = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--json", "--verbose");
        tool.Environment["DATABRICKS_TOKEN"] = token + "-revoked";
        var refused = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--json", "--verbose");

        Assert.True(failing.ExitCode == 1, failing.ToString());
        Assert.Contains("the request had Authorization: ***", failing.StdOut);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("the request had Authorization: ***", refused.StdErr);
        Assert.DoesNotContain(token, failing.AllOutput + refused.AllOutput);
    }
}

/// <summary>Azure Databricks auth through the tool: the Entra ID stand-in of the emulator, exit codes and secrets.</summary>
public sealed class AzureAuthToolTests
{
    private static VolsyncTool AzureTool(TestEmulator emulator, string secret)
    {
        var tool = new VolsyncTool(emulator.BaseUri, token: null);
        tool.Environment["DATABRICKS_AUTH_TYPE"] = "azure-client-secret";
        tool.Environment["AZURE_AUTHORITY_HOST"] = emulator.Server.EntraAuthority.AbsoluteUri;
        tool.Environment["ARM_TENANT_ID"] = emulator.Options.AzureTenantId;
        tool.Environment["ARM_CLIENT_ID"] = "app-cli";
        tool.Environment["ARM_CLIENT_SECRET"] = secret;
        return tool;
    }

    [Fact]
    public async Task An_azure_service_principal_uploads()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AzureClients["app-cli"] = "azure-cli-secret-ok", requiredToken: "dapi-not-used");
        using var tool = AzureTool(emulator, "azure-cli-secret-ok");
        using var local = new LocalTree(("a.txt", "a"));
        Assert.Equal(0, (await tool.RunAsync("create-volume", "--catalog", "main", "--schema", "default", "--volume", "apps")).ExitCode);

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[azure-client-secret]", run.AllOutput);
        Assert.Equal([local.RemoteName("a.txt")], emulator.FilesIn("main", "default", "apps"));
        Assert.DoesNotContain("azure-cli-secret-ok", run.AllOutput);
    }

    [Fact]
    public async Task A_wrong_azure_client_secret_exits_2_with_a_coded_error_and_no_secret()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AzureClients["app-cli"] = "azure-cli-secret-ok");
        using var tool = AzureTool(emulator, "azure-cli-secret-WRONG-0042");
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--json", "--verbose");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error VOLSYNC1110:", run.StdErr);
        Assert.Contains("\"code\": \"VOLSYNC1110\"", run.StdOut);
        Assert.DoesNotContain("azure-cli-secret-WRONG-0042", run.AllOutput);
    }
}
