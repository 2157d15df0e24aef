using System.Text.Json;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>The flags beyond the seed README: --volume-path/--path, --force, create-volume checks, foreign files in listings.</summary>
public sealed class CommandDetailTests
{
    [Fact]
    public async Task Volume_path_with_a_sub_path_and_force_reuploads_into_that_folder()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        var first = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps/releases", "--path", "1.0");
        Assert.True(first.ExitCode == 0, first.ToString());

        var forced = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps/releases", "--path", "1.0", "--force", "--json");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        using var document = JsonDocument.Parse(forced.StdOut);
        Assert.Equal(1, document.RootElement.GetProperty("uploaded").GetInt32());
        Assert.Equal(["releases/1.0/" + local.RemoteName("a.txt")], emulator.FilesIn("main", "default", "apps"));
    }

    [Theory]
    [InlineData("--max-concurrent")]
    [InlineData("--max-concurrent-uploads")]
    public async Task Max_concurrent_and_its_alias_are_accepted_and_range_checked(string option)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"), ("b.txt", "b"), ("c.txt", "c"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var tooMany = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", option, "65");
        var one = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", option, "1");

        Assert.True(tooMany.ExitCode == 2, tooMany.ToString());
        Assert.Contains("error VOLSYNC2010:", tooMany.StdErr);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Equal(3, emulator.FilesIn("main", "default", "apps").Count);
    }

    [Fact]
    public async Task Dry_run_json_lists_would_upload_files_and_writes_nothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"), ("b.json", "{}"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--dry-run", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.StdOut);
        Assert.True(document.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, document.RootElement.GetProperty("wouldUpload").GetInt32());
        Assert.All(document.RootElement.GetProperty("files").EnumerateArray(), f => Assert.Equal("wouldUpload", f.GetProperty("outcome").GetString()));
        Assert.Empty(emulator.FilesIn("main", "default", "apps"));
    }

    [Fact]
    public async Task List_remote_lists_foreign_files_without_a_hash_and_honours_path()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        Assert.Equal(0, (await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--path", "in")).ExitCode);
        File.WriteAllText(Path.Combine(emulator.VolumeDirectory("main", "default", "apps"), "in", "notes.md"), "foreign");
        Directory.CreateDirectory(Path.Combine(emulator.VolumeDirectory("main", "default", "apps"), "out"));
        File.WriteAllText(Path.Combine(emulator.VolumeDirectory("main", "default", "apps"), "out", "other.txt"), "elsewhere");

        var run = await tool.RunAsync("list-remote", "--catalog", "main", "--schema", "default", "--volume", "apps", "--path", "in", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.StdOut);
        var entries = document.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("originalName").GetString()!);
        Assert.Equal(["a.txt", "notes.md"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, entries["notes.md"].GetProperty("hash").ValueKind);
        Assert.Equal(local.Sha256("a.txt")[..16], entries["a.txt"].GetProperty("hash").GetString());
    }

    [Theory]
    [InlineData(new[] { "--catalog", "main", "--schema", "nope", "--volume", "v" }, "VOLSYNC1151")]
    [InlineData(new[] { "--catalog", "nope", "--schema", "default", "--volume", "v" }, "VOLSYNC1150")]
    [InlineData(new[] { "--catalog", "main", "--schema", "default", "--volume", "v", "--volume-type", "EXTERNAL" }, "VOLSYNC2304")]
    [InlineData(new[] { "--catalog", "main", "--schema", "default", "--volume", "v", "--storage-location", "s3://b/p" }, "VOLSYNC2305")]
    [InlineData(new[] { "--catalog", "main", "--schema", "default", "--volume", "a.b" }, "VOLSYNC2004")]
    public async Task Create_volume_setup_errors_exit_2_and_say_what_is_wrong(string[] args, string code)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);

        var run = await tool.RunAsync(["create-volume", .. args]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}:", run.StdErr);
        Assert.False(Directory.Exists(emulator.VolumeDirectory("main", "default", "v")));
    }

    [Fact]
    public async Task A_volume_path_that_disagrees_with_the_names_exits_2()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--volume", "other");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error VOLSYNC2003:", run.StdErr);
        Assert.Equal(0, emulator.Server.Requests.Count());
    }
}
