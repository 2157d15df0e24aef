using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>SPEC §4 exit codes: 0 done, 1 some files failed, 2 usage/configuration/auth/remote setup, 130 cancelled.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public async Task A_second_upload_of_unchanged_files_skips_everything_and_exits_0()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"), ("b/c.txt", "c"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        var first = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps");
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches(@"uploaded:\s+0 files", second.StdOut);
        Assert.Matches(@"skipped:\s+2 files", second.StdOut);
    }

    [Fact]
    public async Task Some_files_failing_exits_1_after_uploading_the_rest()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("ok.txt", "fine"), ("locked/secret.txt", "no"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        // Only that one file's PUT is refused (403): its folder still lists, the other file uploads.
        emulator.Options.ForbiddenPathPrefixes.Add("/Volumes/main/default/apps/" + local.RemoteName("locked/secret.txt"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal([local.RemoteName("ok.txt")], emulator.FilesIn("main", "default", "apps"));
        Assert.Contains("locked/secret.txt", run.StdOut);
        Assert.Contains("error VOLSYNC2307: 1 of 2 files failed", run.StdErr);
    }

    [Theory]
    [InlineData("upload")]
    [InlineData("upload", "./x", "--no-such-option")]
    [InlineData("create-volume", "--catalog", "main", "--schema", "default", "--volume", "v", "--volume-type", "FOO")]
    [InlineData("frobnicate")]
    public async Task Bad_arguments_exit_2_with_a_coded_error_and_a_pointer_to_help(params string[] args)
    {
        using var tool = new VolsyncTool();

        var run = await tool.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error VOLSYNC2300:", run.StdErr);
        Assert.Contains("--help", run.StdErr);
        Assert.DoesNotContain("   at ", run.AllOutput);
    }

    [Fact]
    public async Task No_target_volume_exits_2_before_any_request()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--catalog", "main");

        Assert.True(run.ExitCode == 2, run.ToString());
        // One code per condition in every host (formerly 2001 here and 4001 in MSBuild).
        Assert.Contains("error VOLSYNC4001:", run.StdErr);
        Assert.Contains("--volume-path", run.StdErr);
        Assert.Empty(emulator.Server.Requests.Snapshot());
    }

    [Fact]
    public async Task Every_usage_problem_is_reported_at_once_before_any_request()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));

        // A number that is not one has the same code as one out of range (formerly VOLSYNC2300 for "many").
        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--max-concurrent", "many", "--hash-length", "7", "--pattern", "../x", "--json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error VOLSYNC2010: --max-concurrent is 'many'", run.StdErr);
        Assert.Contains("error VOLSYNC2009: --hash-length is '7'", run.StdErr);
        Assert.Contains("error VOLSYNC2011: --pattern '../x' is not a valid pattern", run.StdErr);
        using var json = System.Text.Json.JsonDocument.Parse(run.StdOut);
        Assert.Equal(3, json.RootElement.GetProperty("errors").GetArrayLength());
        Assert.Empty(emulator.Server.Requests.Snapshot());
    }

    [Fact]
    public async Task A_missing_volume_is_created_with_create_volume()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/made", "--create-volume", "--hash-length", "20");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Created volume main.default.made", run.StdOut);
        Assert.Equal(["a_" + local.Sha256("a.txt")[..20] + ".txt"], emulator.FilesIn("main", "default", "made"));
    }

    [Fact]
    public async Task Missing_credentials_exit_2_with_an_authentication_error()
    {
        using var tool = new VolsyncTool();
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Matches(@"error VOLSYNC\d{4}: ", run.StdErr);
        Assert.DoesNotContain("   at ", run.AllOutput);
    }

    [Theory]
    [InlineData("main", "default", "nope", "VOLSYNC1152", "volsync create-volume --catalog main --schema default --volume nope")]
    [InlineData("main", "nope", "apps", "VOLSYNC1151", "main.nope")]
    [InlineData("nope", "default", "apps", "VOLSYNC1150", "'nope'")]
    public async Task A_missing_volume_schema_or_catalog_exits_2_and_names_what_is_missing(string catalog, string schema, string volume, string code, string expected)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--catalog", catalog, "--schema", schema, "--volume", volume);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}:", run.StdErr);
        Assert.Contains(expected, run.StdErr);
    }

    [Fact]
    public async Task Ctrl_c_during_a_slow_upload_cancels_cleanly_with_130()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        // 20 files sent one at a time, 2 s each: the run is still uploading for ~40 s after the listing, so a
        // busy machine that is slow to deliver the signal still interrupts it mid-upload.
        var files = Enumerable.Range(0, 20).Select(i => ($"f{i:D2}.txt", $"content {i}")).ToArray();
        using var local = new LocalTree(files);
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        emulator.Options.LatencyMs = 2000;

        var run = await tool.RunAsync(
            ["upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--max-concurrent", "1"],
            async process =>
            {
                // Interrupt once the remote folder has been listed: the uploads are then in flight.
                while (emulator.Server.Requests.Count("GET", "/api/2.0/fs/directories") == 0 && !process.HasExited)
                {
                    await Task.Delay(20);
                }

                await Task.Delay(300);
                VolsyncTool.Interrupt(process);
            });

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("error VOLSYNC2240:", run.StdErr); // the one cancel code of every host (formerly 2306 here)
        // Cancelled, not finished: only files whose upload completed are on the volume, each under its own hash.
        var stored = emulator.FilesIn("main", "default", "apps");
        Assert.True(stored.Count < files.Length, string.Join(", ", stored));
        Assert.All(stored, name => Assert.Contains(name, files.Select(f => local.RemoteName(f.Item1))));
    }
}
