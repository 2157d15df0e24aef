using VolSync.Core.Tests.Remote.Contract;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Core.Tests.Releases;

/// <summary>SPEC §8's deletion rule against the emulator over HTTP.</summary>
public sealed class PruneTests
{
    private const string Foreign = ReleaseHarness.Root + "/notes.txt";
    private const string Orphan = ReleaseHarness.Root + "/orphan_0123456789abcdef.bin";
    private static readonly PruneOptions KeepTwoNow = new() { Keep = 2, MinAge = TimeSpan.Zero };

    /// <summary>
    /// Three releases: app.dll changes every time, lib.dll only in the third, old/only-first.txt exists only in the
    /// first. Beside them: a foreign file and a hashed-looking file no manifest lists.
    /// </summary>
    private static async Task<List<SyncResult>> ThreeReleasesAsync(ReleaseHarness h)
    {
        var results = new List<SyncResult>();
        for (var version = 1; version <= 3; version++)
        {
            var time = DateTime.UtcNow.AddMinutes(-10 + version);
            h.Local.Write("app.dll", "app v" + version, time);
            h.Local.Write("lib.dll", version < 3 ? "lib v1" : "lib v3", time);
            if (version == 1)
            {
                h.Local.Write("old/only-first.txt", "gone after the first", time);
            }
            else
            {
                File.Delete(h.Local.Combine("old/only-first.txt"));
            }

            var result = await h.RunAsync();
            Assert.True(result.ReleaseCreated, string.Join("\n", result.Files.Select(f => f.Error)));
            results.Add(result);
        }

        await Upload(h, Foreign, "not VolSync's");
        await Upload(h, Orphan, "left by a failed run");
        return results;
    }

    private static Task Upload(ReleaseHarness h, string path, string content)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(content);
        return h.Emulator.Client.UploadAsync(path, ClientAgainstEmulator.Content(bytes), bytes.Length, overwrite: true);
    }

    private static string Remote(SyncResult result, string relative) => result.Files.Single(f => f.RelativePath == relative).RemotePath;

    [Fact]
    public async Task Keep_2_with_min_age_0_removes_exactly_the_files_only_the_oldest_release_referenced()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var releases = await ThreeReleasesAsync(h);
        var before = AllRemoteFiles(h);

        var result = await h.Sync.PruneAsync(h.Location, KeepTwoNow);

        Assert.True(result.Succeeded);
        var expectedGone = new[] { Remote(releases[0], "app.dll"), Remote(releases[0], "old/only-first.txt") };
        Assert.Equal(expectedGone.Order(StringComparer.Ordinal), result.Files.Where(f => f.Outcome == PruneOutcome.Deleted).Select(f => f.RemotePath));
        Assert.All(result.Files, f => Assert.Equal(PruneReason.Release, f.Reason));
        Assert.Equal(before.Except(expectedGone).Order(StringComparer.Ordinal), AllRemoteFiles(h));
        // Kept: both newer releases' files (lib v1 is shared by the first two), the foreign file, the unlisted one.
        Assert.Contains(Remote(releases[0], "lib.dll"), AllRemoteFiles(h));
        Assert.Contains(Foreign, AllRemoteFiles(h));
        Assert.Contains(Orphan, AllRemoteFiles(h));
        Assert.Equal([releases[1].ReleaseId + ".json", releases[2].ReleaseId + ".json"], h.ManifestFilesOnDisk());
        Assert.Equal(releases[0].ReleaseId, Assert.Single(result.Plan.DeletedReleases).Id);
        Assert.Equal([releases[2].ReleaseId, releases[1].ReleaseId], result.Plan.KeptReleases.Select(r => r.Id));
        // The folder only the first release used is gone with its file.
        Assert.False(Directory.Exists(h.DiskPath(ReleaseHarness.Root + "/old")));
        Assert.Equal(ReleaseHarness.Root + "/old", Assert.Single(result.Directories).RemotePath);

        var verify = await h.Sync.VerifyAsync(h.Location);
        Assert.True(verify.Succeeded);
        Assert.True((await h.Sync.VerifyAsync(h.Location, releases[1].ReleaseId)).Succeeded);
    }

    [Fact]
    public async Task A_dry_run_prints_the_same_plan_and_deletes_nothing()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var releases = await ThreeReleasesAsync(h);
        var before = AllRemoteFiles(h);
        h.Requests.Clear();

        var dry = await h.Sync.PruneAsync(h.Location, new PruneOptions { Keep = 2, MinAge = TimeSpan.Zero, DryRun = true });

        Assert.True(dry.DryRun);
        Assert.Equal(0, h.Requests.Count("DELETE"));
        Assert.Equal(before, AllRemoteFiles(h));
        Assert.Equal(3, h.ManifestFilesOnDisk().Length);
        Assert.All(dry.Files.Concat(dry.Releases), e => Assert.Equal(PruneOutcome.WouldDelete, e.Outcome));
        Assert.Equal([Remote(releases[0], "app.dll"), Remote(releases[0], "old/only-first.txt")], dry.Files.Select(f => f.RemotePath).Order(StringComparer.Ordinal));

        var real = await h.Sync.PruneAsync(h.Location, KeepTwoNow);
        Assert.Equal(dry.Files.Select(f => f.RemotePath), real.Files.Select(f => f.RemotePath));
    }

    [Fact]
    public async Task The_min_age_guard_keeps_young_files_and_unreferenced_removes_them_once_they_are_old()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var releases = await ThreeReleasesAsync(h);

        var guarded = await h.Sync.PruneAsync(h.Location, new PruneOptions { Keep = 2 });

        Assert.Equal(TimeSpan.FromHours(1), guarded.Plan.Options.MinAge);
        Assert.Empty(guarded.Files);
        Assert.Equal([Remote(releases[0], "app.dll"), Remote(releases[0], "old/only-first.txt")], guarded.Plan.TooNew.Select(f => f.RemotePath));
        Assert.Contains(Remote(releases[0], "app.dll"), AllRemoteFiles(h));
        Assert.Equal(2, h.ManifestFilesOnDisk().Length);

        // Two hours later (by the server's clock), those files are no release's and old enough.
        foreach (var path in AllRemoteFiles(h))
        {
            File.SetLastWriteTimeUtc(h.DiskPath(path), DateTime.UtcNow.AddHours(-2));
        }

        var unreferenced = await h.Sync.PruneAsync(h.Location, new PruneOptions { Keep = 2, Unreferenced = true });

        Assert.Equal(
            new[] { Remote(releases[0], "app.dll"), Remote(releases[0], "old/only-first.txt"), Orphan }.Order(StringComparer.Ordinal),
            unreferenced.Files.Where(f => f.Outcome == PruneOutcome.Deleted).Select(f => f.RemotePath));
        Assert.All(unreferenced.Files, f => Assert.Equal(PruneReason.Unreferenced, f.Reason));
        Assert.Contains(Foreign, AllRemoteFiles(h));
        Assert.True((await h.Sync.VerifyAsync(h.Location)).Succeeded);
    }

    [Fact]
    public async Task Unreferenced_never_walks_into_a_nested_root_or_touches_volsync()
    {
        await using var h = await ReleaseHarness.StartAsync();
        h.Local.Write("app.dll", "app");
        await h.RunAsync();
        // Another root inside this one, with releases of its own.
        var nested = new SyncConfig { LocalPath = h.Local.Path, VolumePath = ReleaseHarness.Root + "/plugins/p1", HashCacheDirectory = h.Cache.Path, Source = ReleaseHarness.Source };
        var inner = await h.Sync.SyncAsync(nested);
        await Upload(h, Orphan, "left by a failed run");

        var result = await h.Sync.PruneAsync(h.Location, new PruneOptions { Keep = 1, MinAge = TimeSpan.Zero, Unreferenced = true });

        Assert.Equal([Orphan], result.Files.Select(f => f.RemotePath));
        Assert.Contains(Remote(inner, "app.dll"), AllRemoteFiles(h));
        Assert.True((await h.Sync.VerifyAsync(VolumeLocation.Resolve(ReleaseHarness.Root + "/plugins/p1", null, null, null))).Succeeded);
    }

    [Fact]
    public async Task One_failed_delete_never_stops_the_others()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var releases = await ThreeReleasesAsync(h);
        var failing = Remote(releases[0], "app.dll");
        h.Emulator.Server.Faults.FailNext(1, FaultKind.Status500, "DELETE", failing["/Volumes".Length..]);

        var result = await h.Sync.PruneAsync(h.Location, KeepTwoNow);

        Assert.False(result.Succeeded);
        var failed = Assert.Single(result.Files, f => f.Outcome == PruneOutcome.Failed);
        Assert.Equal(failing, failed.RemotePath);
        Assert.Equal("VOLSYNC1006", failed.ErrorCode);
        Assert.Equal(PruneOutcome.Deleted, result.Files.Single(f => f.RemotePath == Remote(releases[0], "old/only-first.txt")).Outcome);
        Assert.Contains(failing, AllRemoteFiles(h));

        // Run again: only what is left is done.
        var again = await h.Sync.PruneAsync(h.Location, new PruneOptions { Keep = 2, MinAge = TimeSpan.Zero, Unreferenced = true });
        Assert.True(again.Succeeded);
        Assert.Contains(again.Files, f => f.RemotePath == failing && f.Outcome == PruneOutcome.Deleted);
    }

    [Fact]
    public async Task Throttled_deletes_are_retried()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await ThreeReleasesAsync(h);
        h.Emulator.Server.Options.RetryAfterSeconds = 0;
        h.Emulator.Server.Faults.FailNext(3, FaultKind.Status429, "DELETE");

        var result = await h.Sync.PruneAsync(h.Location, KeepTwoNow);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.DeletedFileCount);
        Assert.Equal(0, h.Emulator.Server.Faults.Pending);
    }

    [Fact]
    public async Task When_a_release_manifest_cannot_be_deleted_its_files_stay()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var releases = await ThreeReleasesAsync(h);
        h.Emulator.Server.Faults.FailNext(1, FaultKind.Status500, "DELETE", "/.volsync/releases/" + releases[0].ReleaseId);

        var result = await h.Sync.PruneAsync(h.Location, KeepTwoNow);

        Assert.Equal(PruneOutcome.Failed, Assert.Single(result.Releases).Outcome);
        Assert.All(result.Files, f => Assert.Equal(PruneOutcome.Kept, f.Outcome));
        Assert.Contains(Remote(releases[0], "app.dll"), AllRemoteFiles(h));
        Assert.True((await h.Sync.VerifyAsync(h.Location, releases[0].ReleaseId)).Succeeded);
    }

    [Fact]
    public async Task Prune_does_not_apply_to_an_original_names_root_and_deletes_nothing()
    {
        await using var h = await ReleaseHarness.StartAsync();
        h.Local.Write("App.dll", "app");
        await h.RunAsync(NamingMode.Original);
        h.Requests.Clear();

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => h.Sync.PruneAsync(h.Location, KeepTwoNow));

        Assert.Equal("VOLSYNC1206", ex.Code);
        Assert.Contains("original names", ex.Message);
        Assert.Equal(0, h.Requests.Count("DELETE"));
    }

    [Fact]
    public async Task An_unreadable_manifest_stops_prune_before_anything_is_deleted()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var releases = await ThreeReleasesAsync(h);
        await File.WriteAllTextAsync(h.DiskPath(ReleaseLayout.ManifestPath(ReleaseHarness.Root, releases[0].ReleaseId!)), "{broken");
        h.Requests.Clear();

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => h.Sync.PruneAsync(h.Location, KeepTwoNow));

        Assert.Equal("VOLSYNC1208", ex.Code);
        Assert.Contains(releases[0].ReleaseId!, ex.Message);
        Assert.Equal(0, h.Requests.Count("DELETE"));
    }

    [Fact]
    public async Task Keep_must_be_at_least_one_and_a_root_without_releases_prunes_nothing()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await Upload(h, Orphan, "x");

        Assert.Equal("VOLSYNC2401", (await Assert.ThrowsAsync<VolSyncException>(() => h.Sync.PruneAsync(h.Location, new PruneOptions { Keep = 0 }))).Code);
        var nothing = await h.Sync.PruneAsync(h.Location, new PruneOptions { Keep = 1, MinAge = TimeSpan.Zero, Unreferenced = true });

        Assert.Null(nothing.Plan.LatestId);
        Assert.Empty(nothing.Files);
        Assert.Contains(Orphan, AllRemoteFiles(h));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1h", 3600)]
    [InlineData("30s", 30)]
    [InlineData("15m", 900)]
    [InlineData("2d", 172800)]
    [InlineData("1h30m", 5400)]
    [InlineData("90", 90)]
    [InlineData(" 1.5h ", 5400)]
    public void Min_age_reads_durations_as_every_other_duration_setting(string text, int seconds)
    {
        var reader = new SettingText();

        Assert.Equal(TimeSpan.FromSeconds(seconds), reader.MinAge(text));
        Assert.Empty(reader.Problems);
        Assert.Equal(PruneOptions.DefaultMinAge, reader.MinAge(null));
    }

    [Theory]
    [InlineData("-1h")]
    [InlineData("1y")]
    [InlineData("h")]
    [InlineData("soon")]
    public void Min_age_refuses_what_is_not_a_duration(string text)
    {
        var reader = new SettingText(SettingNames.Library with { PruneMinAge = "--min-age" });

        reader.MinAge(text);

        var problem = Assert.Single(reader.Problems);
        Assert.Equal("VOLSYNC2402", problem.Code);
        Assert.StartsWith("--min-age '", problem.Message);
    }

    [Fact]
    public void Prune_options_report_every_problem_named_as_the_host_spells_it()
    {
        var problems = new PruneOptions { Keep = 0, MaxConcurrentDeletes = 99 }.Validate(SettingNames.Library with { KeepReleases = "VolSyncKeepReleases" });

        Assert.Equal(["VOLSYNC2401", "VOLSYNC2010"], problems.Select(p => p.Code));
        Assert.StartsWith("VolSyncKeepReleases is '0'", problems[0].Message);
    }

    private static List<string> AllRemoteFiles(ReleaseHarness h)
    {
        var root = h.DiskPath(ClientAgainstEmulator.Volume);
        return [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => ClientAgainstEmulator.Volume + "/" + Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/.volsync/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }
}
