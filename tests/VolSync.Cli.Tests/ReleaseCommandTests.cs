using System.Text.Json;
using VolSync.Cli.Tests.Infrastructure;
using VolSync.Emulator;

namespace VolSync.Cli.Tests;

/// <summary><c>releases</c>, <c>prune</c>, <c>verify</c>, <c>pull</c> and <c>upload --naming</c> as a user runs them, against the emulator.</summary>
public sealed class ReleaseCommandTests
{
    private const string Root = "/Volumes/main/default/apps/myapp";

    private static string[] Target => ["--volume-path", "/Volumes/main/default/apps", "--path", "myapp"];

    private static async Task<(TestEmulator Emulator, VolsyncTool Tool)> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        var tool = new VolsyncTool(emulator.BaseUri);
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        return (emulator, tool);
    }

    private static async Task<JsonElement> JsonAsync(VolsyncTool tool, params string[] args)
    {
        var run = await tool.RunAsync([.. args, "--json"]);
        using var document = JsonDocument.Parse(run.StdOut);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Upload_names_the_release_and_releases_lists_them_newest_first()
    {
        var (emulator, tool) = await StartAsync();
        await using var _ = emulator;
        using var __ = tool;
        using var local = new LocalTree(("app.dll", "v1"), ("sub/data.json", "{}"));

        var first = await tool.RunAsync(["upload", local.Root, .. Target, "--json"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        using var firstJson = JsonDocument.Parse(first.StdOut);
        var id1 = firstJson.RootElement.GetProperty("releaseId").GetString()!;
        Assert.True(firstJson.RootElement.GetProperty("releaseCreated").GetBoolean());
        Assert.Equal("hashed", firstJson.RootElement.GetProperty("naming").GetString());
        Assert.Equal($"{Root}/.volsync/releases/{id1}.json", firstJson.RootElement.GetProperty("manifestPath").GetString());
        Assert.Contains("release", first.StdErr);
        Assert.Contains(id1 + " (new)", first.StdErr);

        var again = await tool.RunAsync(["upload", local.Root, .. Target]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains(id1 + " (unchanged)", again.StdOut);

        local.Write("app.dll", "v2 is longer");
        var second = await JsonAsync(tool, ["upload", local.Root, .. Target]);
        var id2 = second.GetProperty("releaseId").GetString()!;

        var table = await tool.RunAsync(["releases", .. Target]);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.True(table.StdOut.IndexOf(id2, StringComparison.Ordinal) < table.StdOut.IndexOf(id1, StringComparison.Ordinal), table.StdOut);
        Assert.Contains("2 releases under " + Root + "; latest: " + id2, table.StdOut);

        var listed = await JsonAsync(tool, ["releases", .. Target]);
        Assert.Equal(id2, listed.GetProperty("latest").GetString());
        var releases = listed.GetProperty("releases").EnumerateArray().ToList();
        Assert.Equal([id2, id1], releases.Select(r => r.GetProperty("id").GetString()));
        Assert.True(releases[0].GetProperty("latest").GetBoolean());
        Assert.Equal(2, releases[0].GetProperty("files").GetInt32());
        Assert.Equal("v2 is longer".Length + 2, releases[0].GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_failed_file_exits_1_and_records_no_release()
    {
        var (emulator, tool) = await StartAsync();
        await using var _ = emulator;
        using var __ = tool;
        using var local = new LocalTree(("a.txt", "a"), ("b.txt", "b"));
        emulator.Server.Faults.FailNext(1, FaultKind.Status500, "PUT", "/myapp/b_");

        var run = await JsonAsync(tool, ["upload", local.Root, .. Target]);

        Assert.Equal(1, run.GetProperty("exitCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("releaseId").ValueKind);
        Assert.Empty(emulator.ManifestsIn("main", "default", "apps"));
        var releases = await tool.RunAsync(["releases", .. Target]);
        Assert.Contains("No releases under", releases.StdOut);
    }

    [Fact]
    public async Task Prune_prints_the_plan_honours_dry_run_and_deletes_only_what_the_oldest_release_used()
    {
        var (emulator, tool) = await StartAsync();
        await using var _ = emulator;
        using var __ = tool;
        using var local = new LocalTree(("app.dll", "version 1"), ("lib.dll", "shared"));
        var ids = new List<string>();
        foreach (var version in new[] { "version 1", "version 22", "version 333" })
        {
            local.Write("app.dll", version);
            ids.Add((await JsonAsync(tool, ["upload", local.Root, .. Target])).GetProperty("releaseId").GetString()!);
        }

        var oldApp = "myapp/app_" + System.Security.Cryptography.SHA256.HashData("version 1"u8.ToArray()).Select(b => b.ToString("x2")).Aggregate(string.Concat)[..16] + ".dll";
        var before = emulator.FilesIn("main", "default", "apps");
        Assert.Contains(oldApp, before);

        var dry = await tool.RunAsync(["prune", .. Target, "--keep", "2", "--min-age", "0", "--dry-run"]);
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("Prune plan for " + Root, dry.StdOut);
        Assert.Contains("delete 1 release:", dry.StdOut);
        Assert.Contains(ids[0], dry.StdOut);
        Assert.Contains(Path.GetFileName(oldApp), dry.StdOut);
        Assert.Contains("Dry run: nothing was deleted.", dry.StdOut);
        Assert.Equal(before, emulator.FilesIn("main", "default", "apps"));

        var guarded = await JsonAsync(tool, ["prune", .. Target, "--keep", "2", "--dry-run"]);
        Assert.Equal(3600, guarded.GetProperty("minAgeSeconds").GetDouble());
        Assert.Empty(guarded.GetProperty("files").EnumerateArray());
        Assert.Single(guarded.GetProperty("tooNew").EnumerateArray());

        var real = await tool.RunAsync(["prune", .. Target, "--keep", "2", "--min-age", "0"]);
        Assert.True(real.ExitCode == 0, real.ToString());
        Assert.True(real.StdOut.IndexOf("Prune plan", StringComparison.Ordinal) < real.StdOut.IndexOf("Prune summary", StringComparison.Ordinal), real.StdOut);
        Assert.Equal(before.Where(f => f != oldApp), emulator.FilesIn("main", "default", "apps"));
        Assert.Equal(2, emulator.ManifestsIn("main", "default", "apps").Count(m => m.Contains("/releases/", StringComparison.Ordinal)));

        var listed = await JsonAsync(tool, ["releases", .. Target]);
        Assert.Equal([ids[2], ids[1]], listed.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Verify_passes_then_exits_1_naming_the_corrupted_file()
    {
        var (emulator, tool) = await StartAsync();
        await using var _ = emulator;
        using var __ = tool;
        using var local = new LocalTree(("app.dll", "the app"), ("cfg/app.json", "{}"));
        await tool.RunAsync(["upload", local.Root, .. Target]);

        var ok = await tool.RunAsync(["verify", .. Target]);
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("2 of 2 files", ok.StdOut);

        var remote = Path.Combine(emulator.VolumeDirectory("main", "default", "apps"), "myapp", local.RemoteName("app.dll"));
        await File.WriteAllTextAsync(remote, "the apX");
        var bad = await tool.RunAsync(["verify", .. Target]);

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("error VOLSYNC1211:", bad.StdErr);
        Assert.Contains("'app.dll'", bad.StdErr);
        Assert.Contains("error VOLSYNC2408:", bad.StdErr);
        var json = await JsonAsync(tool, ["verify", .. Target]);
        Assert.Equal(1, json.GetProperty("different").GetInt32());
        Assert.Equal("different", json.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "app.dll").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Pull_reproduces_the_tree_and_refuses_a_manifest_with_parent_paths()
    {
        var (emulator, tool) = await StartAsync();
        await using var _ = emulator;
        using var __ = tool;
        using var local = new LocalTree(("app.dll", "the app"), ("sub/deep/data.bin", "data"), ("ünï code.txt", "names"));
        await tool.RunAsync(["upload", local.Root, .. Target]);
        var to = Path.Combine(tool.HomeDirectory, "pulled");

        var pull = await tool.RunAsync(["pull", .. Target, "--to", to]);

        Assert.True(pull.ExitCode == 0, pull.ToString());
        foreach (var path in new[] { "app.dll", "sub/deep/data.bin", "ünï code.txt" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(local.Root, path)), await File.ReadAllBytesAsync(Path.Combine(to, path)));
        }

        var again = await JsonAsync(tool, ["pull", .. Target, "--to", to]);
        Assert.Equal(3, again.GetProperty("skipped").GetInt32());

        var latest = Path.Combine(emulator.VolumeDirectory("main", "default", "apps"), "myapp", ".volsync", "latest.json");
        await File.WriteAllTextAsync(latest, (await File.ReadAllTextAsync(latest)).Replace("\"path\":\"app.dll\"", "\"path\":\"../app.dll\""));
        var evil = Path.Combine(tool.HomeDirectory, "evil");
        var refused = await tool.RunAsync(["pull", .. Target, "--to", evil]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error VOLSYNC1202:", refused.StdErr);
        Assert.False(File.Exists(Path.Combine(tool.HomeDirectory, "app.dll")));
    }

    [Fact]
    public async Task Original_names_upload_twice_uploads_nothing_the_second_time_and_modes_do_not_mix()
    {
        var (emulator, tool) = await StartAsync();
        await using var _ = emulator;
        using var __ = tool;
        using var local = new LocalTree(("App.dll", "app"), ("App.deps.json", "{}"), ("App.runtimeconfig.json", "{}"));

        var first = await JsonAsync(tool, ["upload", local.Root, .. Target, "--naming", "original"]);
        var second = await JsonAsync(tool, ["upload", local.Root, .. Target, "--naming", "original"]);

        Assert.Equal(3, first.GetProperty("uploaded").GetInt32());
        Assert.Equal("original", first.GetProperty("naming").GetString());
        Assert.Equal(0, second.GetProperty("uploaded").GetInt32());
        Assert.Equal(3, second.GetProperty("skipped").GetInt32());
        Assert.Equal(["myapp/App.deps.json", "myapp/App.dll", "myapp/App.runtimeconfig.json"], emulator.FilesIn("main", "default", "apps"));

        var hashed = await tool.RunAsync(["upload", local.Root, .. Target]);
        Assert.Equal(2, hashed.ExitCode);
        Assert.Contains("error VOLSYNC1205:", hashed.StdErr);
        Assert.Contains("--path", hashed.StdErr);

        var prune = await tool.RunAsync(["prune", .. Target, "--keep", "1"]);
        Assert.Equal(2, prune.ExitCode);
        Assert.Contains("error VOLSYNC1206:", prune.StdErr);

        Assert.True((await tool.RunAsync(["verify", .. Target])).ExitCode == 0);
    }

    [Theory]
    [InlineData("VOLSYNC2403", "upload", ".", "--naming", "renamed")]
    [InlineData("VOLSYNC2402", "prune", "--keep", "1", "--min-age", "soon")]
    [InlineData("VOLSYNC2401", "prune", "--keep", "0")]
    [InlineData("VOLSYNC2300", "prune")]
    [InlineData("VOLSYNC2300", "pull")]
    [InlineData("VOLSYNC2405", "verify", "--release", "../../etc/passwd")]
    public async Task Bad_release_options_are_coded_errors_with_exit_2(string code, params string[] args)
    {
        var (emulator, tool) = await StartAsync();
        await using var _ = emulator;
        using var __ = tool;
        using var local = new LocalTree(("a.txt", "a"));
        var withTarget = args.Select(a => a == "." ? local.Root : a).Concat(Target).ToArray();

        var run = await tool.RunAsync(withTarget);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}:", run.StdErr);
    }
}
