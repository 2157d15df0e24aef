using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>Each command of the seed README's "Command Line Interface" section, with volsync in place of python -m volsync.</summary>
public sealed class SeedCommandTests
{
    [Fact]
    public async Task Create_volume_creates_it_and_a_second_run_reports_it_already_exists()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);

        var first = await tool.RunAsync("create-volume", "--catalog", "main", "--schema", "default", "--volume", "documents");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Created", first.StdOut);
        Assert.Contains("main.default.documents", first.StdOut);

        var second = await tool.RunAsync("create-volume", "--catalog", "main", "--schema", "default", "--volume", "documents");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("already exists", second.StdOut);
    }

    [Fact]
    public async Task Basic_upload_puts_every_file_under_its_hashed_name_and_exits_0()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("report.txt", "hello"), ("data/values.json", "{\"a\":1}"), ("data/deep/Makefile", "all:"));
        await CreateVolumeAsync(tool, "documents");

        var run = await tool.RunAsync("upload", local.Root, "--catalog", "main", "--schema", "default", "--volume", "documents");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            new[] { local.RemoteName("data/deep/Makefile"), local.RemoteName("data/values.json"), local.RemoteName("report.txt") }.Order(StringComparer.Ordinal),
            emulator.FilesIn("main", "default", "documents"));
        Assert.Contains("uploaded", run.StdOut);
        Assert.Contains("3 files", run.StdOut);
    }

    [Fact]
    public async Task Upload_with_patterns_excludes_dry_run_and_verbose_plans_only_the_matching_files_and_writes_nothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(
            ("notes.txt", "n"),
            ("config.json", "{}"),
            ("sub/more.txt", "m"),
            ("plan-draft.txt", "d"),
            ("readme.md", "r"));
        await CreateVolumeAsync(tool, "documents");

        var run = await tool.RunAsync(
            "upload", local.Root, "--catalog", "main", "--schema", "default", "--volume", "documents",
            "--pattern", "*.txt", "--pattern", "*.json", "--exclude", "*draft*", "--dry-run", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(emulator.FilesIn("main", "default", "documents"));
        Assert.Contains("would upload notes.txt", run.StdOut);
        Assert.Contains("would upload config.json", run.StdOut);
        Assert.Contains("would upload sub/more.txt", run.StdOut);
        Assert.DoesNotContain("plan-draft", run.StdOut);
        Assert.DoesNotContain("readme.md", run.StdOut);
    }

    [Fact]
    public async Task List_remote_shows_original_names_hashes_and_sizes()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("report.txt", "hello world"), ("data/values.json", "{\"a\":1}"));
        await CreateVolumeAsync(tool, "documents");
        var upload = await tool.RunAsync("upload", local.Root, "--catalog", "main", "--schema", "default", "--volume", "documents");
        Assert.True(upload.ExitCode == 0, upload.ToString());

        var run = await tool.RunAsync("list-remote", "--catalog", "main", "--schema", "default", "--volume", "documents");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("report.txt", run.StdOut);
        Assert.Contains("data/values.json", run.StdOut);
        Assert.Contains(local.Sha256("report.txt")[..16], run.StdOut);
        Assert.Contains(local.Sha256("data/values.json")[..16], run.StdOut);
        Assert.Contains("11 B", run.StdOut);
        Assert.Contains("2 files", run.StdOut);
    }

    internal static async Task CreateVolumeAsync(VolsyncTool tool, string volume)
    {
        var run = await tool.RunAsync("create-volume", "--catalog", "main", "--schema", "default", "--volume", volume);
        Assert.True(run.ExitCode == 0, run.ToString());
    }
}
