using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Engine;

public sealed class VolumeSyncTests : IDisposable
{
    private readonly SyncFixture _f = new();

    public void Dispose() => _f.Dispose();

    private void WriteTree()
    {
        _f.Local.Write("report.txt", "report");
        _f.Local.Write("app.tar.gz", "archive");
        _f.Local.Write("bin/app.dll", "dll");
        _f.Local.Write("bin/sub/.env", "SECRET=1");
        _f.Local.CreateDirectory("empty");
    }

    [Fact]
    public async Task First_sync_uploads_every_file_under_its_hashed_name_keeping_the_folder_structure()
    {
        WriteTree();

        var result = await _f.RunAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(4, result.SuccessCount);
        Assert.Equal(0, result.SkipCount);
        Assert.Equal(0, result.FailureCount);
        Assert.Equal("report".Length + "archive".Length + "dll".Length + "SECRET=1".Length, result.TotalBytesUploaded);
        Assert.Equal(SyncFixture.VolumeRoot, result.RemoteRoot);
        Assert.False(result.DryRun);
        Assert.True(result.Duration > TimeSpan.Zero);
        Assert.Equal(["app.tar.gz", "bin/app.dll", "bin/sub/.env", "report.txt"], result.Files.Select(f => f.RelativePath));

        var env = result.Files[2];
        Assert.Equal(_f.Local.Combine("bin/sub/.env"), env.LocalPath);
        Assert.Equal(SyncFixture.RemotePath("bin/sub/.env", "SECRET=1"), env.RemotePath);
        Assert.Matches(@"/bin/sub/\.env_[0-9a-f]{16}$", env.RemotePath);
        Assert.Equal(Sha.Hex("SECRET=1"), env.Sha256);
        Assert.Equal(8, env.Size);
        Assert.Equal(FileOutcome.Uploaded, env.Outcome);
        Assert.Null(env.Error);

        Assert.Equal(4, _f.Store.Files.Count);
        Assert.Equal("archive", _f.Store.ReadText(SyncFixture.RemotePath("app.tar.gz", "archive")));
        Assert.Matches(@"/app\.tar_[0-9a-f]{16}\.gz$", result.Files[0].RemotePath);
        Assert.DoesNotContain(_f.Store.Files.Keys, k => k.Contains("/empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_sync_uploads_nothing()
    {
        WriteTree();
        await _f.RunAsync();
        var uploadsBefore = _f.Store.UploadCalls;

        var second = await _f.RunAsync();

        Assert.Equal(uploadsBefore, _f.Store.UploadCalls);
        Assert.Equal(0, second.SuccessCount);
        Assert.Equal(4, second.SkipCount);
        Assert.All(second.Files, f => Assert.Equal(FileOutcome.Skipped, f.Outcome));
        Assert.Equal(0, second.TotalBytesUploaded);
    }

    [Fact]
    public async Task One_changed_file_uploads_exactly_one_and_the_old_version_stays()
    {
        WriteTree();
        await _f.RunAsync();
        _f.Local.Write("bin/app.dll", "dll v2", TempDirectory.OldTime.AddHours(1));
        var uploadsBefore = _f.Store.UploadCalls;

        var result = await _f.RunAsync();

        Assert.Equal(uploadsBefore + 1, _f.Store.UploadCalls);
        var uploaded = Assert.Single(result.Files, f => f.Outcome == FileOutcome.Uploaded);
        Assert.Equal("bin/app.dll", uploaded.RelativePath);
        Assert.Equal(SyncFixture.RemotePath("bin/app.dll", "dll v2"), uploaded.RemotePath);
        Assert.Equal(3, result.SkipCount);
        Assert.True(_f.Store.Files.ContainsKey(SyncFixture.RemotePath("bin/app.dll", "dll")));
        Assert.Equal(5, _f.Store.Files.Count);
    }

    [Fact]
    public async Task A_remote_copy_with_the_right_hash_but_the_wrong_size_is_uploaded_again()
    {
        _f.Local.Write("a.txt", "complete content");
        var remote = SyncFixture.RemotePath("a.txt", "complete content");
        _f.Store.Put(remote, "truncated");

        var result = await _f.RunAsync();

        Assert.Equal(FileOutcome.Uploaded, Assert.Single(result.Files).Outcome);
        Assert.Equal("complete content", _f.Store.ReadText(remote));
    }

    [Fact]
    public async Task Dry_run_reports_the_plan_and_writes_nothing_remote_or_local()
    {
        WriteTree();
        _f.Store.Put(SyncFixture.RemotePath("report.txt", "report"), "report");
        var localBefore = Directory.GetFileSystemEntries(_f.Local.Path, "*", SearchOption.AllDirectories).Order().ToList();

        var result = await _f.RunAsync(c => new SyncConfig { LocalPath = c.LocalPath, VolumePath = c.VolumePath, HashCacheDirectory = c.HashCacheDirectory, DryRun = true });

        Assert.True(result.DryRun);
        Assert.Equal(3, result.WouldUploadCount);
        Assert.Equal(1, result.SkipCount);
        Assert.Equal(0, result.SuccessCount);
        Assert.Equal(0, result.TotalBytesUploaded);
        Assert.Equal(SyncFixture.RemotePath("bin/app.dll", "dll"), result.Files.Single(f => f.RelativePath == "bin/app.dll").RemotePath);
        Assert.Equal(0, _f.Store.UploadCalls);
        Assert.Single(_f.Store.Files);
        Assert.Empty(Directory.GetFileSystemEntries(_f.Cache.Path));
        Assert.Equal(localBefore, Directory.GetFileSystemEntries(_f.Local.Path, "*", SearchOption.AllDirectories).Order().ToList());
    }

    [Fact]
    public async Task Force_uploads_every_file_regardless_of_the_remote()
    {
        WriteTree();
        await _f.RunAsync();
        var uploadsBefore = _f.Store.UploadCalls;

        var result = await _f.RunAsync(c => new SyncConfig { LocalPath = c.LocalPath, VolumePath = c.VolumePath, HashCacheDirectory = c.HashCacheDirectory, ForceUpload = true });

        Assert.Equal(4, result.SuccessCount);
        Assert.Equal(uploadsBefore + 4, _f.Store.UploadCalls);
    }

    [Fact]
    public async Task A_remote_sub_path_is_the_root_of_the_copy()
    {
        _f.Local.Write("x/a.txt", "a");

        var result = await _f.RunAsync(c => new SyncConfig { LocalPath = c.LocalPath, Catalog = "main", Schema = "default", Volume = "apps", RemotePath = "releases/1.2.0", HashCacheDirectory = c.HashCacheDirectory });

        Assert.Equal("/Volumes/main/default/apps/releases/1.2.0", result.RemoteRoot);
        Assert.Equal(SyncFixture.RemotePath("x/a.txt", "a", "/Volumes/main/default/apps/releases/1.2.0"), Assert.Single(result.Files).RemotePath);
    }

    [Fact]
    public async Task Foreign_and_old_remote_files_are_never_touched()
    {
        _f.Local.Write("a.txt", "new");
        _f.Store.Put($"{SyncFixture.VolumeRoot}/a.txt", "foreign");
        _f.Store.Put($"{SyncFixture.VolumeRoot}/notes", "foreign");
        _f.Store.Put(SyncFixture.RemotePath("a.txt", "old"), "old");

        await _f.RunAsync();

        Assert.Equal(4, _f.Store.Files.Count);
        Assert.Equal("foreign", _f.Store.ReadText($"{SyncFixture.VolumeRoot}/a.txt"));
        Assert.Equal("old", _f.Store.ReadText(SyncFixture.RemotePath("a.txt", "old")));
        Assert.Equal([SyncFixture.RemotePath("a.txt", "new")], _f.Store.UploadsStarted);
    }

    [Fact]
    public async Task Patterns_select_what_is_synced()
    {
        WriteTree();
        _f.Local.Write("docs/draft-notes.txt", "draft");

        var result = await _f.RunAsync(c => new SyncConfig { LocalPath = c.LocalPath, VolumePath = c.VolumePath, HashCacheDirectory = c.HashCacheDirectory, Patterns = ["*.txt", "*.dll"], ExcludePatterns = ["*draft*"] });

        Assert.Equal(["bin/app.dll", "report.txt"], result.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public async Task A_second_run_uses_the_cached_hash_instead_of_reading_an_unchanged_file()
    {
        var path = _f.Local.Write("big.bin", "original");
        var first = await _f.RunAsync();
        Assert.Single(Directory.GetFiles(_f.Cache.Path));

        // Same size and time, different bytes: only a run that trusts the cache keeps the old hash.
        File.WriteAllText(path, "ORIGINAL");
        File.SetLastWriteTimeUtc(path, TempDirectory.OldTime);
        var second = await _f.RunAsync();

        var file = Assert.Single(second.Files);
        Assert.Equal(Sha.Hex("original"), file.Sha256);
        Assert.Equal(first.Files[0].Sha256, file.Sha256);
        Assert.Equal(FileOutcome.Skipped, file.Outcome);
    }

    [Fact]
    public async Task Without_the_hash_cache_every_run_reads_the_files_and_nothing_is_written()
    {
        var path = _f.Local.Write("big.bin", "original");
        await _f.RunAsync(c => new SyncConfig { LocalPath = c.LocalPath, VolumePath = c.VolumePath, HashCacheDirectory = c.HashCacheDirectory, UseHashCache = false });
        File.WriteAllText(path, "ORIGINAL");
        File.SetLastWriteTimeUtc(path, TempDirectory.OldTime);

        var second = await _f.RunAsync(c => new SyncConfig { LocalPath = c.LocalPath, VolumePath = c.VolumePath, HashCacheDirectory = c.HashCacheDirectory, UseHashCache = false });

        Assert.Equal(Sha.Hex("ORIGINAL"), Assert.Single(second.Files).Sha256);
        Assert.Empty(Directory.GetFileSystemEntries(_f.Cache.Path));
    }

    [Fact]
    public async Task A_corrupt_hash_cache_is_ignored_and_replaced()
    {
        _f.Local.Write("a.txt", "a");
        var cacheFile = VolSync.Hashing.HashCache.PathFor(_f.Local.Path, _f.Cache.Path);
        File.WriteAllText(cacheFile, "{ this is not json");

        var result = await _f.RunAsync();

        Assert.Equal(Sha.Hex("a"), Assert.Single(result.Files).Sha256);
        Assert.Contains(_f.Logger.Lines, l => l.Code == DiagnosticCodes.HashCacheIgnored.Code && l.Level == SyncLogLevel.Debug);
        Assert.StartsWith("{", File.ReadAllText(cacheFile).TrimStart(), StringComparison.Ordinal);
        Assert.Contains("volsync-hash-cache", File.ReadAllText(cacheFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_entries_are_failures_of_those_files_and_the_rest_syncs()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _f.Local.Write("ok.txt", "ok");
        File.CreateSymbolicLink(_f.Local.Combine("broken.txt"), _f.Local.Combine("missing.txt"));

        var result = await _f.RunAsync();

        Assert.Equal(1, result.SuccessCount);
        var failed = Assert.Single(result.Files, f => f.Outcome == FileOutcome.Failed);
        Assert.Equal("broken.txt", failed.RelativePath);
        Assert.Equal(DiagnosticCodes.SymlinkTargetMissing.Code, failed.ErrorCode);
        Assert.Equal(string.Empty, failed.RemotePath);
        Assert.False(result.Succeeded);
        Assert.Equal(["broken.txt", "ok.txt"], result.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public async Task Symlinked_files_upload_their_target_content_and_symlinked_folders_are_skipped()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _f.Local.Write("real/a.txt", "a");
        using var outside = new TempDirectory();
        File.CreateSymbolicLink(_f.Local.Combine("linked.txt"), outside.Write("t.txt", "target"));
        Directory.CreateSymbolicLink(_f.Local.Combine("loop"), _f.Local.Path);

        var result = await _f.RunAsync();

        Assert.Equal(["linked.txt", "real/a.txt"], result.Files.Select(f => f.RelativePath));
        Assert.Equal("target", _f.Store.ReadText(SyncFixture.RemotePath("linked.txt", "target")));
    }

    [Fact]
    public async Task Reports_each_file_through_progress_and_leaves_summaries_to_the_host()
    {
        WriteTree();
        var progress = new RecordingProgress();

        var result = await _f.RunAsync(progress: progress);

        // Every file's outcome arrives on the progress stream (hosts render per-file lines from it) ...
        var completed = progress.Reports.Select(r => r.CompletedFile).OfType<SyncFileResult>().ToList();
        Assert.Equal(result.Files.Select(f => f.RelativePath).Order(StringComparer.Ordinal), completed.Select(f => f.RelativePath).Order(StringComparer.Ordinal));
        // ... and the engine logs neither per-file lines nor a summary: each host writes its own, once.
        Assert.DoesNotContain(_f.Logger.Lines, l => l.Level is SyncLogLevel.Info or SyncLogLevel.Important);
    }

    [Fact]
    public async Task Progress_walks_the_phases_in_order_and_reports_every_finished_file()
    {
        WriteTree();
        _f.Store.Put(SyncFixture.RemotePath("report.txt", "report"), "report");
        var progress = new RecordingProgress();

        await _f.RunAsync(progress: progress);

        var reports = progress.Reports;
        var phases = reports.Select(r => r.Phase).Distinct().ToList();
        Assert.Equal([SyncPhase.Discovering, SyncPhase.Hashing, SyncPhase.Listing, SyncPhase.Planning, SyncPhase.Uploading, SyncPhase.Completed], phases);
        Assert.Equal(SyncPhase.Completed, reports[^1].Phase);

        var hashing = reports.Where(r => r.Phase == SyncPhase.Hashing).ToList();
        Assert.Equal(4, hashing[^1].FilesDone);
        Assert.Equal(hashing[^1].BytesTotal, hashing[^1].BytesDone);

        var uploading = reports.Where(r => r.Phase == SyncPhase.Uploading).ToList();
        Assert.Equal(3, uploading[0].FilesTotal);
        Assert.Equal("archive".Length + "dll".Length + "SECRET=1".Length, uploading[0].BytesTotal);
        Assert.Equal(3, uploading[^1].FilesDone);
        Assert.Equal(uploading[0].BytesTotal, uploading[^1].BytesDone);
        Assert.Equal(3, uploading.Count(r => r.CompletedFile is { Outcome: FileOutcome.Uploaded }));
        Assert.Contains(reports, r => r.CompletedFile is { Outcome: FileOutcome.Skipped, RelativePath: "report.txt" });
        Assert.All(uploading.Where(r => r.CompletedFile is not null), r => Assert.Equal(r.CompletedFile!.RelativePath, r.CurrentFile));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.Elapsed >= p.First.Elapsed));
    }

    [Fact]
    public async Task ListRemote_walks_the_remote_root_and_parses_names_back()
    {
        _f.Local.Write("a.txt", "a");
        _f.Local.Write("d/e/app.tar.gz", "gz");
        await _f.RunAsync();
        _f.Store.Put($"{SyncFixture.VolumeRoot}/d/README", "foreign");
        _f.Store.Put("/Volumes/main/default/other/x_0123456789abcdef.txt", "elsewhere");

        var listed = new List<RemoteFileInfo>();
        await foreach (var file in _f.Sync.ListRemoteAsync(VolumeLocation.Resolve(SyncFixture.VolumeRoot, null, null, null)))
        {
            listed.Add(file);
        }

        Assert.Equal(3, listed.Count);
        var a = listed.Single(f => f.OriginalName == "a.txt");
        Assert.Equal(Sha.Hex("a")[..16], a.Hash);
        Assert.Equal(1, a.Size);
        Assert.Equal(SyncFixture.RemotePath("a.txt", "a"), a.Path);
        Assert.Equal(a.Path[(SyncFixture.VolumeRoot.Length + 1)..], a.RelativePath);
        var gz = listed.Single(f => f.OriginalName == "app.tar.gz");
        Assert.StartsWith("d/e/app.tar_", gz.RelativePath, StringComparison.Ordinal);
        var foreign = listed.Single(f => f.RelativePath == "d/README");
        Assert.Null(foreign.Hash);
        Assert.Equal("README", foreign.OriginalName);
    }
}
