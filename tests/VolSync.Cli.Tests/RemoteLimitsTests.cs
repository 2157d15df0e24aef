using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>Inputs the remote cannot take fail the file they belong to, at once and with their code, never the run.</summary>
public sealed class RemoteLimitsTests
{
    [Fact]
    public async Task A_240_byte_file_name_fails_that_file_before_any_request_and_the_rest_uploads()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        // 240 bytes locally; the remote name adds "_" and 16 hex digits: 257 bytes, over the 255 a volume takes.
        var longName = new string('n', 236) + ".txt";
        using var local = new LocalTree(("ok.txt", "fine"), (longName, "too long"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        emulator.Server.Requests.Clear();

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("VOLSYNC2060", run.AllOutput);
        Assert.Contains("257 bytes", run.AllOutput);
        Assert.Equal([local.RemoteName("ok.txt")], emulator.FilesIn("main", "default", "apps"));
        // One PUT, for ok.txt: the long name was refused up front, not sent and retried for minutes.
        Assert.Equal(1, emulator.Server.Requests.Count("PUT"));
    }
}
