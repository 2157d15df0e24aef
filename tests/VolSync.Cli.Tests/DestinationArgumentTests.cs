using System.Text.Json;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>
/// The volume as people write it out of habit: after the local folder (<c>volsync upload ./bin /Volumes/...</c>, as
/// cp and the Databricks CLI take it) and with the <c>dbfs:</c> scheme of <c>databricks fs</c>, in every command that
/// names a volume. Each spelling reaches the same place as <c>--volume-path /Volumes/...</c>.
/// </summary>
public sealed class DestinationArgumentTests
{
    [Fact]
    public async Task A_positional_or_dbfs_destination_is_the_volume_path()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"), ("b/c.txt", "c"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var positional = await tool.RunAsync("upload", local.Root, "/Volumes/main/default/apps/one");
        var dbfs = await tool.RunAsync("upload", local.Root, "dbfs:/Volumes/main/default/apps/two");
        var dbfsOption = await tool.RunAsync("upload", local.Root, "--volume-path", "dbfs:/Volumes/main/default/apps", "--path", "three");

        foreach (var run in new[] { positional, dbfs, dbfsOption })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Matches(@"uploaded:\s+2 files", run.StdOut);
        }

        Assert.Contains("-> /Volumes/main/default/apps/two", dbfs.StdOut, StringComparison.Ordinal); // the scheme is dropped, not kept in the name
        string[] names = [local.RemoteName("a.txt"), local.RemoteName("b/c.txt")];
        Assert.Equal(
            new[] { "one", "three", "two" }.SelectMany(root => names.Select(n => root + "/" + n)).Order(StringComparer.Ordinal),
            emulator.FilesIn("main", "default", "apps"));

        // The other commands take it too: list-remote, releases.
        var list = await tool.RunAsync("list-remote", "dbfs:/Volumes/main/default/apps/two", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var json = JsonDocument.Parse(list.StdOut))
        {
            Assert.Equal(names.Order(StringComparer.Ordinal), json.RootElement.EnumerateArray().Select(f => f.GetProperty("relativePath").GetString()!).Order(StringComparer.Ordinal));
        }

        var releases = await tool.RunAsync("releases", "/Volumes/main/default/apps/one", "--json");
        Assert.True(releases.ExitCode == 0, releases.ToString());
        using (var json = JsonDocument.Parse(releases.StdOut))
        {
            Assert.Equal("/Volumes/main/default/apps/one", json.RootElement.GetProperty("remoteRoot").GetString());
            Assert.Equal(1, json.RootElement.GetProperty("releases").GetArrayLength());
        }
    }

    [Fact]
    public async Task A_destination_that_is_not_a_volume_is_named_as_the_destination_before_any_request()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "dbfs:/FileStore/apps");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(
            "error VOLSYNC2002: <destination> 'dbfs:/FileStore/apps' is not of the form /Volumes/<catalog>/<schema>/<volume>[/sub/path] (dbfs:/Volumes/... works too). Fix <destination>.",
            run.StdErr.TrimEnd('\n'));
        Assert.Empty(emulator.Server.Requests.Snapshot());
    }
}
