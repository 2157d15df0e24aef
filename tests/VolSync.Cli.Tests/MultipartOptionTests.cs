using System.Text.Json;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary><c>--multipart-threshold</c>: checked before any request, shown in the dry-run plan and the JSON, used by the upload.</summary>
public sealed class MultipartOptionTests
{
    private const string Volume = "/Volumes/main/default/apps";

    [Theory]
    [InlineData("lots", "VOLSYNC2450")]
    [InlineData("1MiB", "VOLSYNC2451")]
    public async Task A_bad_threshold_exits_2_with_its_code_before_any_request(string value, string code)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--multipart-threshold", value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}:", run.StdErr, StringComparison.Ordinal);
        Assert.Empty(emulator.Server.Requests.Snapshot());
    }

    [Fact]
    public async Task The_dry_run_names_the_files_that_would_go_in_parts_and_the_upload_sends_them_so()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("big.bin", new string('z', (6 * 1024 * 1024) + 1)), ("small.txt", "s"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var plan = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--multipart-threshold", "5MiB", "--dry-run");
        var json = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--multipart-threshold", "5MiB", "--json");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"would upload big.bin -> {Volume}/{local.RemoteName("big.bin")} (6.0 MiB, multipart, 1 part of 16 MiB)", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains($"would upload small.txt -> {Volume}/{local.RemoteName("small.txt")} (1 B)", plan.StdOut, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.StdOut);
        var files = document.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("relativePath").GetString()!);
        Assert.Equal("multipart", files["big.bin"].GetProperty("route").GetString());
        Assert.Equal(1, files["big.bin"].GetProperty("parts").GetInt32());
        Assert.Equal("singlePut", files["small.txt"].GetProperty("route").GetString());
        Assert.Equal(1, emulator.Server.Requests.Count("PUT", "/cloud/upload/"));
        Assert.Contains(local.RemoteName("big.bin"), emulator.FilesIn("main", "default", "apps"));
    }

    [Fact]
    public async Task Off_sends_every_file_with_one_put()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("big.bin", new string('q', 6 * 1024 * 1024)));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--multipart-threshold", "off");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, emulator.Server.Requests.Count("POST", "/api/2.0/fs/files/"));
        // The release manifests are PUTs too: count the file's own.
        Assert.Equal(1, emulator.Server.Requests.Snapshot().Count(r => r.Method == "PUT" && r.Path.StartsWith("/api/2.0/fs/files/", StringComparison.Ordinal) && !r.Path.Contains("/.volsync/", StringComparison.Ordinal)));
    }
}
