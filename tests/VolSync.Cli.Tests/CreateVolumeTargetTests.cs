using System.Text.Json;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>
/// <c>volsync create-volume</c> names its volume the way every other command does (the argument, <c>--volume-path</c>
/// with or without <c>dbfs:</c>, or the three names), but only the volume: it makes a volume, not a folder.
/// </summary>
public sealed class CreateVolumeTargetTests
{
    [Theory]
    [InlineData("/Volumes/main/default/positional")]
    [InlineData("dbfs:/Volumes/main/default/positional")]
    [InlineData("--volume-path", "/Volumes/main/default/positional")]
    [InlineData("--volume-path", "dbfs:/Volumes/main/default/positional/")]
    public async Task The_volume_path_creates_the_volume_and_a_second_run_finds_it(params string[] target)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);

        var run = await tool.RunAsync(["create-volume", .. target, "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using (var json = JsonDocument.Parse(run.StdOut))
        {
            Assert.True(json.RootElement.GetProperty("created").GetBoolean());
            Assert.Equal("main.default.positional", json.RootElement.GetProperty("fullName").GetString());
            Assert.Equal("/Volumes/main/default/positional", json.RootElement.GetProperty("volumePath").GetString());
        }

        Assert.True(Directory.Exists(emulator.VolumeDirectory("main", "default", "positional")));

        // The three names reach the same volume.
        var again = await tool.RunAsync("create-volume", "--catalog", "main", "--schema", "default", "--volume", "positional");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Volume main.default.positional already exists", again.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_volume_path_with_a_folder_is_refused_before_any_request()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);

        var positional = await tool.RunAsync("create-volume", "/Volumes/main/default/apps/releases/1.0");
        var option = await tool.RunAsync("create-volume", "--volume-path", "dbfs:/Volumes/main/default/apps/releases");

        Assert.True(positional.ExitCode == 2, positional.ToString());
        Assert.Equal(
            "error VOLSYNC2501: <destination> '/Volumes/main/default/apps/releases/1.0' names the folder 'releases/1.0' inside the volume main.default.apps, " +
            "but volsync create-volume makes a volume, not a folder. Give the volume alone (/Volumes/main/default/apps); a folder appears when files are uploaded into it.",
            positional.StdErr.TrimEnd('\n'));
        Assert.True(option.ExitCode == 2, option.ToString());
        Assert.StartsWith("error VOLSYNC2501: --volume-path 'dbfs:/Volumes/main/default/apps/releases' names the folder 'releases' ", option.StdErr, StringComparison.Ordinal);
        Assert.Empty(emulator.Server.Requests.Snapshot());
        Assert.False(Directory.Exists(emulator.VolumeDirectory("main", "default", "apps")));
    }

    [Theory]
    [InlineData("VOLSYNC4001", "create-volume")]
    [InlineData("VOLSYNC4001", "create-volume", "--catalog", "main", "--schema", "default")]
    [InlineData("VOLSYNC2002", "create-volume", "/Volumes/main/default")]
    [InlineData("VOLSYNC2002", "create-volume", "/Volumes//default/apps")]
    [InlineData("VOLSYNC2003", "create-volume", "/Volumes/main/default/apps", "--volume", "other")]
    [InlineData("VOLSYNC2004", "create-volume", "--volume-path", "/Volumes/main/default/a.b")]
    [InlineData("VOLSYNC2355", "create-volume", "/Volumes/main/default/apps", "--volume-path", "/Volumes/main/default/apps")]
    public async Task A_bad_target_gets_the_code_every_command_gives_it_before_any_request(string code, params string[] args)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);

        var run = await tool.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}:", run.StdErr, StringComparison.Ordinal);
        Assert.Empty(emulator.Server.Requests.Snapshot());
    }
}
