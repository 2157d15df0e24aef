using System.Text;
using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Core.Tests.Releases;

/// <summary>verify, pull and releases (SPEC §8) against the emulator over HTTP.</summary>
public sealed class VerifyAndPullTests
{
    private static readonly Dictionary<string, string> Tree = new(StringComparer.Ordinal)
    {
        ["app.dll"] = "the app, version one",
        ["sub/lib a+b.so"] = "native code",
        ["wwwroot/ünï/100%.css"] = "body{}",
        ["empty.txt"] = string.Empty,
    };

    private static async Task<SyncResult> SyncTreeAsync(ReleaseHarness h, NamingMode naming = NamingMode.Hashed)
    {
        foreach (var (path, content) in Tree)
        {
            h.Local.Write(path, content);
        }

        var result = await h.RunAsync(naming);
        Assert.True(result.ReleaseCreated);
        return result;
    }

    [Theory]
    [InlineData(NamingMode.Hashed)]
    [InlineData(NamingMode.Original)]
    public async Task Verify_passes_and_then_names_every_missing_or_different_file(NamingMode naming)
    {
        await using var h = await ReleaseHarness.StartAsync();
        var sync = await SyncTreeAsync(h, naming);

        var ok = await h.Sync.VerifyAsync(h.Location);

        Assert.True(ok.Succeeded);
        Assert.Equal(sync.ReleaseId, ok.ReleaseId);
        Assert.Equal(naming, ok.Naming);
        Assert.Equal(Tree.Count, ok.OkCount);
        Assert.Equal(Tree.Values.Sum(v => Encoding.UTF8.GetByteCount(v)), ok.BytesRead);

        var corrupted = sync.Files.Single(f => f.RelativePath == "app.dll").RemotePath;
        var bytes = await File.ReadAllBytesAsync(h.DiskPath(corrupted));
        bytes[0] ^= 0xff;
        await File.WriteAllBytesAsync(h.DiskPath(corrupted), bytes);
        var missing = sync.Files.Single(f => f.RelativePath == "sub/lib a+b.so").RemotePath;
        File.Delete(h.DiskPath(missing));

        var bad = await h.Sync.VerifyAsync(h.Location);

        Assert.False(bad.Succeeded);
        var different = Assert.Single(bad.Files, f => f.Outcome == VerifyOutcome.Different);
        Assert.Equal("app.dll", different.Path);
        Assert.Equal("VOLSYNC1211", different.ErrorCode);
        Assert.Equal(Sha.Hex(bytes), different.ActualSha256);
        Assert.Contains(different.Sha256, different.Error);
        var gone = Assert.Single(bad.Files, f => f.Outcome == VerifyOutcome.Missing);
        Assert.Equal("sub/lib a+b.so", gone.Path);
        Assert.Equal("VOLSYNC1210", gone.ErrorCode);
        Assert.Equal(Tree.Count - 2, bad.OkCount);
    }

    [Fact]
    public async Task Verify_of_an_older_release_and_of_one_that_does_not_exist()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var first = await SyncTreeAsync(h);
        h.Local.Write("app.dll", "the app, version two", DateTime.UtcNow.AddMinutes(-3));
        var second = await h.RunAsync();

        var old = await h.Sync.VerifyAsync(h.Location, first.ReleaseId);

        Assert.True(old.Succeeded);
        Assert.Equal(first.ReleaseId, old.ReleaseId);
        Assert.NotEqual(first.ReleaseId, second.ReleaseId);
        Assert.Equal("VOLSYNC1203", (await Assert.ThrowsAsync<VolSyncException>(() => h.Sync.VerifyAsync(h.Location, "20200101T000000000Z-00000000"))).Code);
        Assert.Equal("VOLSYNC2405", (await Assert.ThrowsAsync<VolSyncException>(() => h.Sync.VerifyAsync(h.Location, "../../etc"))).Code);
        var empty = VolumeLocation.Resolve(ReleaseHarness.Root + "/nothing-here", null, null, null);
        Assert.Equal("VOLSYNC1204", (await Assert.ThrowsAsync<VolSyncException>(() => h.Sync.VerifyAsync(empty))).Code);
    }

    [Fact]
    public async Task Verify_reads_again_a_file_whose_download_is_cut_off()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await SyncTreeAsync(h);
        h.Emulator.Server.Faults.FailNext(1, FaultKind.Drop, "GET", "app_");

        var result = await h.Sync.VerifyAsync(h.Location);

        Assert.True(result.Succeeded, string.Join("\n", result.Files.Select(f => f.Error)));
        Assert.Equal(0, h.Emulator.Server.Faults.Pending);
    }

    [Theory]
    [InlineData(NamingMode.Hashed)]
    [InlineData(NamingMode.Original)]
    public async Task Pull_reproduces_the_local_tree_byte_for_byte_and_skips_what_is_already_right(NamingMode naming)
    {
        await using var h = await ReleaseHarness.StartAsync();
        var sync = await SyncTreeAsync(h, naming);
        using var target = new TempDirectory();
        var destination = Path.Combine(target.Path, "out");

        var pulled = await h.Sync.PullAsync(h.Location, new PullOptions { Destination = destination });

        Assert.True(pulled.Succeeded, string.Join("\n", pulled.Files.Select(f => f.Error)));
        Assert.Equal(sync.ReleaseId, pulled.ReleaseId);
        Assert.Equal(Tree.Count, pulled.DownloadedCount);
        Assert.Equal(Tree.Keys.Order(StringComparer.Ordinal), Files(destination));
        foreach (var path in Tree.Keys)
        {
            Assert.Equal(await File.ReadAllBytesAsync(h.Local.Combine(path)), await File.ReadAllBytesAsync(Path.Combine(destination, path)));
        }

        h.Requests.Clear();
        await File.WriteAllTextAsync(Path.Combine(destination, "app.dll"), "changed locally");
        var again = await h.Sync.PullAsync(h.Location, new PullOptions { Destination = destination });

        Assert.Equal(1, again.DownloadedCount);
        Assert.Equal(Tree.Count - 1, again.SkippedCount);
        Assert.Equal(Tree["app.dll"], await File.ReadAllTextAsync(Path.Combine(destination, "app.dll")));
        Assert.Equal(1, h.Requests.Snapshot().Count(r => r.Method == "GET" && !r.Path.Contains("/.volsync/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pull_refuses_a_manifest_with_parent_paths_and_writes_nothing()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await SyncTreeAsync(h);
        var latest = h.DiskPath(ReleaseLayout.LatestPath(ReleaseHarness.Root));
        await File.WriteAllTextAsync(latest, (await File.ReadAllTextAsync(latest)).Replace("\"path\":\"app.dll\",\"remotePath\":\"app_", "\"path\":\"../escaped.dll\",\"remotePath\":\"../escaped_"));
        using var target = new TempDirectory();
        var destination = Path.Combine(target.Path, "out");

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => h.Sync.PullAsync(h.Location, new PullOptions { Destination = destination }));

        Assert.Equal("VOLSYNC1202", ex.Code);
        Assert.Contains("../escaped.dll", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(target.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Pull_keeps_going_past_a_corrupt_remote_file_and_never_writes_its_bytes()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var sync = await SyncTreeAsync(h);
        var corrupted = sync.Files.Single(f => f.RelativePath == "app.dll").RemotePath;
        await File.WriteAllTextAsync(h.DiskPath(corrupted), "the app, version 666");
        using var target = new TempDirectory();
        target.Write("app.dll", "what was there before");

        var result = await h.Sync.PullAsync(h.Location, new PullOptions { Destination = target.Path });

        Assert.False(result.Succeeded);
        var failed = Assert.Single(result.Files, f => f.Outcome == PullOutcome.Failed);
        Assert.Equal("app.dll", failed.Path);
        Assert.Equal("VOLSYNC1212", failed.ErrorCode);
        Assert.Equal(Tree.Count - 1, result.DownloadedCount);
        Assert.Equal("what was there before", await File.ReadAllTextAsync(target.Combine("app.dll")));
        Assert.DoesNotContain(Directory.GetFiles(target.Path, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).StartsWith(".volsync-pull-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pull_never_writes_through_a_symbolic_link_out_of_the_destination()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await SyncTreeAsync(h);
        using var target = new TempDirectory();
        using var outside = new TempDirectory();
        Directory.CreateSymbolicLink(target.Combine("sub"), outside.Path);

        var result = await h.Sync.PullAsync(h.Location, new PullOptions { Destination = target.Path });

        var blocked = Assert.Single(result.Files, f => f.Outcome == PullOutcome.Failed);
        Assert.Equal("sub/lib a+b.so", blocked.Path);
        Assert.Equal("VOLSYNC3301", blocked.ErrorCode);
        Assert.Empty(Directory.GetFiles(outside.Path, "*", SearchOption.AllDirectories));
        Assert.Equal(Tree.Count - 1, result.DownloadedCount);
    }

    [Fact]
    public async Task Pull_into_a_file_is_a_coded_error()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await SyncTreeAsync(h);
        using var target = new TempDirectory();
        var file = target.Write("a-file", "x");

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => h.Sync.PullAsync(h.Location, new PullOptions { Destination = file }));

        Assert.Equal("VOLSYNC2404", ex.Code);
    }

    [Fact]
    public async Task Releases_are_listed_newest_first_with_the_latest_marked()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var first = await SyncTreeAsync(h);
        h.Local.Write("extra.txt", "one more file", DateTime.UtcNow.AddMinutes(-3));
        var second = await h.RunAsync();

        var list = await h.Sync.ListReleasesAsync(h.Location);

        Assert.True(list.Succeeded);
        Assert.Equal(second.ReleaseId, list.LatestId);
        Assert.Equal([second.ReleaseId, first.ReleaseId], list.Releases.Select(r => r.Id));
        Assert.True(list.Releases[0].IsLatest);
        Assert.False(list.Releases[1].IsLatest);
        Assert.Equal(Tree.Count + 1, list.Releases[0].FileCount);
        Assert.Equal(Tree.Values.Sum(v => Encoding.UTF8.GetByteCount(v)) + "one more file".Length, list.Releases[0].TotalSize);
        Assert.Equal(first.ManifestPath, list.Releases[1].ManifestPath);
        Assert.Equal("App", list.Releases[0].Source?.Project);

        await File.WriteAllTextAsync(h.DiskPath(first.ManifestPath!), "{}");
        var withBroken = await h.Sync.ListReleasesAsync(h.Location);
        Assert.False(withBroken.Succeeded);
        Assert.Equal("VOLSYNC1200", withBroken.Releases.Single(r => r.Id == first.ReleaseId).ErrorCode);
    }

    [Fact]
    public async Task GetReleaseAsync_resolves_paths_to_remote_paths_through_the_api()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var sync = await SyncTreeAsync(h);

        var manifest = await h.Sync.GetReleaseAsync(h.Location);

        Assert.Equal(ReleaseHarness.Root, manifest.RemoteRoot);
        Assert.Equal(sync.Files.Single(f => f.RelativePath == "sub/lib a+b.so").RemotePath, manifest.Resolve("sub/lib a+b.so"));
        Assert.Equal(await File.ReadAllBytesAsync(h.Local.Combine("app.dll")), await h.Emulator.DownloadAsync(manifest.Resolve("app.dll")));
    }

    private static string[] Files(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Verify_and_pull_cap_the_hosts_requests_at_their_own_number_not_the_one_the_sync_left()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await SyncTreeAsync(h);
        var limiter = h.Emulator.Client.Limiter;
        Assert.Equal(ConcurrencyLimit.Fixed(SyncDefaults.MaxConcurrentUploads), limiter.Limit);

        await h.Sync.VerifyAsync(h.Location, maxConcurrentDownloads: 12);
        Assert.Equal(ConcurrencyLimit.Fixed(12), limiter.Limit);

        using var destination = new TempDirectory();
        await h.Sync.PullAsync(h.Location, new PullOptions { Destination = destination.Path, MaxConcurrentDownloads = 3 });
        Assert.Equal(ConcurrencyLimit.Fixed(3), limiter.Limit);
    }
}
