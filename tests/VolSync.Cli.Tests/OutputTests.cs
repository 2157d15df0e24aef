using System.Text.Json;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>Output that fits its place: one JSON document with --json, and no terminal control codes when redirected.</summary>
public sealed class OutputTests
{
    [Fact]
    public async Task Json_is_one_document_on_stdout_that_matches_the_files_on_the_volume()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("report.txt", LocalTree.Text(50, "r")), ("data/values.json", "{\"a\":1}"), ("app.tar.gz", "zz"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--path", "rel/1.0", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.StdOut);
        var root = document.RootElement;
        Assert.Equal("/Volumes/main/default/apps/rel/1.0", root.GetProperty("remoteRoot").GetString());
        Assert.False(root.GetProperty("dryRun").GetBoolean());
        Assert.Equal(3, root.GetProperty("uploaded").GetInt32());
        Assert.Equal(0, root.GetProperty("skipped").GetInt32());
        Assert.Equal(0, root.GetProperty("failed").GetInt32());
        Assert.True(root.GetProperty("durationSeconds").GetDouble() >= 0);

        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(3, files.Count);
        long total = 0;
        foreach (var file in files)
        {
            var relative = file.GetProperty("relativePath").GetString()!;
            Assert.Equal("uploaded", file.GetProperty("outcome").GetString());
            Assert.Equal(local.Sha256(relative), file.GetProperty("sha256").GetString());
            Assert.Equal(Path.Combine(local.Root, relative), file.GetProperty("localPath").GetString());
            var remotePath = file.GetProperty("remotePath").GetString()!;
            Assert.Equal("/Volumes/main/default/apps/rel/1.0/" + local.RemoteName(relative), remotePath);
            var onDisk = Path.Combine(emulator.Root, remotePath.TrimStart('/'));
            Assert.True(File.Exists(onDisk), $"{remotePath} is not on the emulator's disk");
            Assert.Equal(new FileInfo(onDisk).Length, file.GetProperty("size").GetInt64());
            total += file.GetProperty("size").GetInt64();
        }

        Assert.Equal(total, root.GetProperty("bytesUploaded").GetInt64());
        Assert.DoesNotContain("uploaded", run.StdOut.Split('\n')[0]);
    }

    [Fact]
    public async Task List_remote_json_is_an_array_of_the_remote_files()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("report.txt", "hello"), ("sub/x.json", "{}"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        Assert.Equal(0, (await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps")).ExitCode);

        var run = await tool.RunAsync("list-remote", "--volume-path", "/Volumes/main/default/apps", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.StdOut);
        var entries = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        var report = entries.Single(e => e.GetProperty("originalName").GetString() == "report.txt");
        Assert.Equal(local.Sha256("report.txt")[..16], report.GetProperty("hash").GetString());
        Assert.Equal(5, report.GetProperty("size").GetInt64());
        Assert.Equal("/Volumes/main/default/apps/" + local.RemoteName("report.txt"), report.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Json_errors_are_a_document_too_and_exit_2()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/missing", "--json");

        Assert.True(run.ExitCode == 2, run.ToString());
        using var document = JsonDocument.Parse(run.StdOut);
        Assert.Equal("VOLSYNC1152", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("error VOLSYNC1152:", run.StdErr);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Redirected_output_has_no_terminal_control_codes(bool ci)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        // A terminal-looking environment: only the redirection (and CI) must keep escape codes out.
        tool.Environment["TERM"] = "xterm-256color";
        if (ci)
        {
            tool.Environment["CI"] = "true";
        }

        using var local = new LocalTree(("a.txt", "a"), ("locked/b.txt", "b"), ("c/d.json", "{}"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        emulator.Options.ForbiddenPathPrefixes.Add("/Volumes/main/default/apps/" + local.RemoteName("locked/b.txt"));

        var upload = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--verbose");
        var list = await tool.RunAsync("list-remote", "--volume-path", "/Volumes/main/default/apps");
        var help = await tool.RunAsync("upload", "--help");

        Assert.Equal(1, upload.ExitCode);
        Assert.Equal(0, list.ExitCode);
        foreach (var run in new[] { upload, list, help })
        {
            Assert.DoesNotContain('\u001b', run.StdOut);
            Assert.DoesNotContain('\u001b', run.StdErr);
        }

        Assert.Contains("Summary for /Volumes/main/default/apps", upload.StdOut);
    }

    [Fact]
    public async Task Verbose_shows_http_timing_but_never_the_token()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri, token: "dapi-super-secret-token-123");
        using var local = new LocalTree(("a.txt", "a"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("PUT", run.AllOutput);
        Assert.DoesNotContain("dapi-super-secret-token-123", run.AllOutput);
        Assert.DoesNotContain("super-secret", run.AllOutput);
    }
}
