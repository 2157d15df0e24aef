using System.Diagnostics;
using System.Text.Json;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>Issue 12 items 2 and 8 through the real tool: local trees that cannot be mirrored as they are.</summary>
public sealed class LocalTreeProcessTests
{
    private const string Volume = "/Volumes/main/default/apps";

    [Fact]
    public async Task Non_utf8_names_each_fail_with_a_code_naming_their_folder_and_three_files_give_three_results()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("ok.txt", "ok"));
        // Raw bytes 0xFF and 0xFE: both read as U+FFFD in .NET, so the test cannot create them itself.
        await ShAsync(local.Root, "printf a > \"$(printf '\\377.txt')\" && printf b > \"$(printf '\\376.txt')\"");
        Assert.Equal(3, Directory.GetFiles(local.Root).Length);
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var document = JsonDocument.Parse(run.StdOut);
        var root = document.RootElement;
        Assert.Equal(3, root.GetProperty("total").GetInt32());
        Assert.Equal(1, root.GetProperty("uploaded").GetInt32());
        Assert.Equal(2, root.GetProperty("failed").GetInt32());
        var failed = root.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("outcome").GetString() == "failed").ToList();
        Assert.All(failed, f =>
        {
            Assert.Equal("VOLSYNC3050", f.GetProperty("errorCode").GetString());
            Assert.Contains($"'{local.Root}'", f.GetProperty("error").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal([local.RemoteName("ok.txt")], emulator.FilesIn("main", "default", "apps"));
    }

    [Fact]
    public async Task A_file_and_a_folder_that_map_to_one_remote_path_both_fail_before_any_upload()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("d", "x"), ("fine.txt", "fine"));
        var folder = local.RemoteName("d");
        local.Write(folder + "/inner.txt", "inner");
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var document = JsonDocument.Parse(run.StdOut);
        var failed = document.RootElement.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("outcome").GetString() == "failed")
            .ToDictionary(f => f.GetProperty("relativePath").GetString()!, f => f.GetProperty("errorCode").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["d"] = "VOLSYNC2500", [folder + "/inner.txt"] = "VOLSYNC2500" }, failed);
        Assert.Equal([local.RemoteName("fine.txt")], emulator.FilesIn("main", "default", "apps"));
        Assert.Equal(1, emulator.Server.Requests.Count("PUT", "/api/2.0/fs/files"));
    }

    private static async Task ShAsync(string directory, string script)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { UseShellExecute = false, WorkingDirectory = directory, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{script}: {error}");
    }
}
