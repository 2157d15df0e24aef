using System.Text;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Core.Tests.Releases;

/// <summary>SPEC §8 against the emulator over HTTP: every successful sync that changes the file set is a release.</summary>
public sealed class ReleaseSyncTests
{
    private static readonly string[] Tree = ["app.dll", "app.deps.json", "sub/lib a+b.so", "wwwroot/ünï/100%.css", "empty.txt"];

    private static void WriteTree(ReleaseHarness h, string version, DateTime? time = null)
    {
        foreach (var path in Tree)
        {
            h.Local.Write(path, path == "empty.txt" ? string.Empty : $"{path} v{version}", time);
        }
    }

    [Fact]
    public async Task First_sync_writes_a_manifest_that_maps_every_local_file_to_its_remote_bytes()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");

        var result = await h.RunAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Files.Select(f => f.Error)));
        Assert.True(result.ReleaseCreated);
        Assert.NotNull(result.ReleaseId);
        Assert.Equal($"{ReleaseHarness.Root}/.volsync/releases/{result.ReleaseId}.json", result.ManifestPath);

        var latest = await File.ReadAllBytesAsync(h.DiskPath(ReleaseLayout.LatestPath(ReleaseHarness.Root)));
        Assert.Equal(latest, await File.ReadAllBytesAsync(h.DiskPath(result.ManifestPath!)));
        var manifest = ReleaseManifest.Parse(latest, remoteRoot: ReleaseHarness.Root);
        Assert.Equal(result.ReleaseId, manifest.Id);
        Assert.Equal(NamingMode.Hashed, manifest.Naming);
        // The CI system is detected from this process's environment (CI runs this suite with CI set).
        var ci = ReleaseSourceDetector.CiSystem(Environment.GetEnvironmentVariable);
        Assert.Equal(ReleaseHarness.Source with { Ci = ci }, manifest.Source);
        Assert.Equal(Tree.Order(StringComparer.Ordinal), manifest.Files.Select(f => f.Path));
        foreach (var file in manifest.Files)
        {
            var local = await File.ReadAllBytesAsync(h.Local.Combine(file.Path));
            Assert.Equal(local, await File.ReadAllBytesAsync(h.DiskPath(manifest.Resolve(file.Path))));
            Assert.Equal(local.Length, file.Size);
            Assert.Equal(result.Files.Single(r => r.RelativePath == file.Path).RemotePath, manifest.Resolve(file.Path));
        }

        // Written last: latest.json follows the release's own manifest.
        var puts = h.Requests.Snapshot().Where(r => r.Method == "PUT").Select(r => r.Path).ToList();
        Assert.EndsWith("/.volsync/latest.json", puts[^1]);
        Assert.EndsWith($"/.volsync/releases/{result.ReleaseId}.json", puts[^2]);
    }

    [Fact]
    public async Task A_no_op_re_sync_makes_no_put_and_writes_no_manifest()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        var first = await h.RunAsync();
        h.Requests.Clear();

        var second = await h.RunAsync();

        Assert.True(second.Succeeded);
        Assert.False(second.ReleaseCreated);
        Assert.Equal(first.ReleaseId, second.ReleaseId);
        Assert.Equal(first.ManifestPath, second.ManifestPath);
        Assert.Equal(0, h.Requests.Count("PUT"));
        Assert.All(h.Requests.Snapshot(), r => Assert.Equal("GET", r.Method));
        Assert.Equal(1, h.Requests.Count("GET", "/api/2.0/fs/files/"));
        Assert.Single(h.ManifestFilesOnDisk());
    }

    [Fact]
    public async Task A_hand_reordered_latest_json_of_the_same_files_stays_current_and_one_listing_a_file_twice_is_refused()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        var first = await h.RunAsync();
        var latestOnDisk = h.DiskPath(ReleaseLayout.LatestPath(ReleaseHarness.Root));
        var root = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(latestOnDisk))!.AsObject();
        var files = root["files"]!.AsArray().Select(f => f!.DeepClone()).Reverse().ToList();
        root.Remove("files");
        var reordered = new System.Text.Json.Nodes.JsonObject { ["files"] = new System.Text.Json.Nodes.JsonArray([.. files]) };
        foreach (var (key, value) in root)
        {
            reordered[key] = value?.DeepClone();
        }

        await File.WriteAllTextAsync(latestOnDisk, reordered.ToJsonString());
        h.Requests.Clear();

        var second = await h.RunAsync();

        Assert.False(second.ReleaseCreated);
        Assert.Equal(first.ReleaseId, second.ReleaseId);
        Assert.Equal(0, h.Requests.Count("PUT"));
        // The streaming read leaves a manifest it cannot check as it comes to a whole read, which agrees.
        Assert.Equal(2, h.Requests.Count("GET", "/api/2.0/fs/files/"));

        reordered["files"]!.AsArray().Add(files[0]!.DeepClone());
        await File.WriteAllTextAsync(latestOnDisk, reordered.ToJsonString());
        var ex = await Assert.ThrowsAsync<VolSyncException>(() => h.RunAsync());
        Assert.Equal("VOLSYNC1200", ex.Code);
        Assert.Contains("is listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_file_means_no_new_manifest_and_the_previous_release_stays_current()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        var first = await h.RunAsync();
        WriteTree(h, "2", DateTime.UtcNow.AddMinutes(-5));
        // 500 is not retried: that one upload fails, the others succeed.
        h.Emulator.Server.Faults.FailNext(1, FaultKind.Status500, "PUT", "/sub/lib a+b");

        var second = await h.RunAsync();

        Assert.False(second.Succeeded);
        Assert.Equal(1, second.FailureCount);
        Assert.Null(second.ReleaseId);
        Assert.False(second.ReleaseCreated);
        Assert.Single(h.ManifestFilesOnDisk());
        var latest = ReleaseManifest.Load(h.DiskPath(ReleaseHarness.Root));
        Assert.Equal(first.ReleaseId, latest.Id);
    }

    [Fact]
    public async Task Three_changing_syncs_give_three_releases_and_latest_is_the_last()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var ids = new List<string>();
        for (var version = 1; version <= 3; version++)
        {
            WriteTree(h, version.ToString(System.Globalization.CultureInfo.InvariantCulture), DateTime.UtcNow.AddMinutes(-10 + version));
            var result = await h.RunAsync();
            Assert.True(result.ReleaseCreated);
            ids.Add(result.ReleaseId!);
        }

        Assert.Equal(ids.Select(id => id + ".json"), h.ManifestFilesOnDisk());
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids[^1], ReleaseManifest.Load(h.DiskPath(ReleaseHarness.Root)).Id);
    }

    [Fact]
    public async Task A_release_is_read_through_ReleaseManifest_from_the_emulators_folder_as_a_cluster_reads_the_fuse_path()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        var result = await h.RunAsync();

        // On a cluster this folder is /Volumes/main/default/vol/app; here it is where the emulator keeps that path.
        var manifest = ReleaseManifest.Load(h.DiskPath(ReleaseHarness.Root));
        var byId = await ReleaseManifest.LoadAsync(h.DiskPath(ReleaseHarness.Root), result.ReleaseId);

        Assert.Equal(result.ReleaseId, manifest.Id);
        Assert.Equal(manifest.Files, byId.Files);
        foreach (var path in Tree)
        {
            Assert.Equal(await File.ReadAllBytesAsync(h.Local.Combine(path)), await File.ReadAllBytesAsync(manifest.Resolve(path)));
        }
    }

    [Fact]
    public async Task Local_files_under_a_top_level_volsync_folder_are_not_synced_and_a_coded_warning_says_so()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        h.Local.Write(".volsync/latest.json", "{\"not\":\"ours\"}");
        h.Local.Write(".volsync/releases/x.json", "x");
        h.Local.Write("nested/.volsync/kept.txt", "a nested folder of that name is the user's");

        var result = await h.RunAsync();

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(result.Files, f => f.RelativePath.StartsWith(".volsync/", StringComparison.Ordinal));
        Assert.Contains(result.Files, f => f.RelativePath == "nested/.volsync/kept.txt");
        var warning = Assert.Single(h.Logger.Lines, l => l.Code == "VOLSYNC2400");
        Assert.Equal(SyncLogLevel.Warning, warning.Level);
        Assert.Contains("2 local file(s)", warning.Message);
        var latest = ReleaseManifest.Load(h.DiskPath(ReleaseHarness.Root));
        Assert.Equal(result.ReleaseId, latest.Id);
    }

    [Fact]
    public async Task List_remote_never_reports_volsync_files()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        await h.RunAsync();

        var listed = new List<RemoteFileInfo>();
        await foreach (var file in h.Sync.ListRemoteAsync(h.Location))
        {
            listed.Add(file);
        }

        Assert.Equal(Tree.Length, listed.Count);
        Assert.DoesNotContain(listed, f => f.Path.Contains("/.volsync/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_writes_no_manifest_and_reports_the_current_release()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        var dry = await h.RunAsync(dryRun: true);
        Assert.Null(dry.ReleaseId);
        Assert.Empty(h.ManifestFilesOnDisk());

        var first = await h.RunAsync();
        WriteTree(h, "2", DateTime.UtcNow.AddMinutes(-5));
        h.Requests.Clear();
        var dryAgain = await h.RunAsync(dryRun: true);

        Assert.Equal(first.ReleaseId, dryAgain.ReleaseId);
        Assert.False(dryAgain.ReleaseCreated);
        Assert.Equal(0, h.Requests.Count("PUT"));
        Assert.Single(h.ManifestFilesOnDisk());
    }

    [Fact]
    public async Task A_manifest_that_cannot_be_written_fails_the_run_with_a_code_and_the_next_run_writes_it()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        h.Emulator.Server.Faults.FailNext(1, FaultKind.Status500, "PUT", "/.volsync/releases/");

        var failed = await h.RunAsync();

        Assert.False(failed.Succeeded);
        Assert.Equal(0, failed.FailureCount);
        Assert.Equal("VOLSYNC1207", failed.ReleaseErrorCode);
        Assert.Contains("previous release stays current", failed.ReleaseError);
        Assert.Null(failed.ReleaseId);

        h.Requests.Clear();
        var retried = await h.RunAsync();

        Assert.True(retried.Succeeded);
        Assert.True(retried.ReleaseCreated);
        Assert.Equal(0, h.UserFilePuts());
        Assert.Equal(2, h.ManifestPuts());
    }

    [Fact]
    public async Task A_latest_json_of_a_newer_format_stops_the_sync_before_anything_is_uploaded()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        await h.RunAsync();
        var latestOnDisk = h.DiskPath(ReleaseLayout.LatestPath(ReleaseHarness.Root));
        await File.WriteAllTextAsync(latestOnDisk, (await File.ReadAllTextAsync(latestOnDisk)).Replace("\"version\":1", "\"version\":7"));
        WriteTree(h, "2", DateTime.UtcNow.AddMinutes(-5));
        h.Requests.Clear();

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => h.RunAsync());

        Assert.Equal("VOLSYNC1201", ex.Code);
        Assert.Equal(0, h.Requests.Count("PUT"));
    }

    [Fact]
    public async Task An_empty_selection_records_no_release()
    {
        await using var h = await ReleaseHarness.StartAsync();

        var result = await h.RunAsync();

        Assert.True(result.Succeeded);
        Assert.Null(result.ReleaseId);
        Assert.Empty(h.ManifestFilesOnDisk());
    }

    [Fact]
    public async Task The_source_commit_comes_from_git_when_the_host_gives_none()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteTree(h, "1");
        var config = h.Config();
        var withProject = new SyncConfig
        {
            LocalPath = config.LocalPath,
            VolumePath = config.VolumePath,
            HashCacheDirectory = config.HashCacheDirectory,
            Source = new ReleaseSource { Project = "App" },
        };

        var result = await h.Sync.SyncAsync(withProject);

        var manifest = ReleaseManifest.Load(h.DiskPath(ReleaseHarness.Root));
        Assert.Equal(result.ReleaseId, manifest.Id);
        Assert.Equal("App", manifest.Source?.Project);
        var expected = Environment.GetEnvironmentVariable("GITHUB_SHA") ?? Environment.GetEnvironmentVariable("BUILD_SOURCEVERSION") ?? Environment.GetEnvironmentVariable("CI_COMMIT_SHA");
        // A temp folder is not inside a repository: without CI variables there is no commit, and the sync still succeeds.
        Assert.Equal(expected, manifest.Source?.Commit);
        Assert.Contains("\"project\":\"App\"", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(h.DiskPath(result.ManifestPath!))));
    }
}
