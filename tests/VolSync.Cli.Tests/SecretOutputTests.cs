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
