using VolSync.Core.Tests.Remote.Contract;
using VolSync.Core.Tests.Remote.Multipart;
using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.Naming;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.EndToEnd;

/// <summary>Large files through the engine, the real client and the emulator: routes, plan output, progress, limits.</summary>
public sealed class MultipartSyncTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly TempDirectory _local = new();
    private readonly TempDirectory _cache = new();
    private readonly RecordingLogger _logger = new();

    private SyncConfig Config(bool dryRun = false, long? threshold = UploadOptions.DefaultMultipartThreshold, string? exclude = null, string remote = "models") => new()
    {
        ExcludePatterns = exclude is null ? [] : [exclude],
        LocalPath = _local.Path,
        VolumePath = ClientAgainstEmulator.Volume + "/" + remote,
        HashCacheDirectory = _cache.Path,
        DryRun = dryRun,
        MultipartThreshold = threshold,
    };

    [Fact]
    public async Task A_120_MiB_file_goes_multipart_byte_exact_under_its_hashed_name_with_moving_progress()
    {
        // Latency on every request, parts included: while the first parts are on their way, progress must show them.
        await using var h = await ClientAgainstEmulator.StartAsync(o => o.LatencyMs = 150);
        var big = await RandomFileAsync("weights/model.bin", 120 * MiB);
        _local.Write("config.json", "{}");
        var progress = new RecordingProgress();

        var result = await new VolumeSync(h.Client, _logger).SyncAsync(Config(), progress);

        Assert.True(result.Succeeded, string.Join("\n", result.Files.Select(f => f.Error)));
        var model = result.Files.Single(f => f.RelativePath == "weights/model.bin");
        Assert.Equal(new UploadRoute(UploadMethod.Multipart, 16 * MiB, 8), model.Route);
        Assert.Equal(ClientAgainstEmulator.Volume + "/models/weights/" + HashedName.Format("model.bin", model.Sha256, 16), model.RemotePath);
        Assert.Equal(MultipartHarness.Sha256(big), MultipartHarness.Sha256(h.DiskPath(model.RemotePath)));
        Assert.Equal(UploadRoute.SinglePut, result.Files.Single(f => f.RelativePath == "config.json").Route);

        var parts = h.Requests.Snapshot().Where(r => r.Path.StartsWith("/cloud/upload/", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, parts.Count);
        Assert.All(parts, p => Assert.False(p.HadAuthorization));
        Assert.Equal(0, h.Requests.Count("PUT", "/api/2.0/fs/files" + model.RemotePath));
        Assert.Equal(2, h.Requests.Count("POST", "/api/2.0/fs/files" + model.RemotePath));
        // Hosts render the route from the result (the engine logs no per-file lines).
        Assert.Equal("120 MiB, multipart, 8 parts of 16 MiB", ProgressText.SizeAndRoute(model.Size, model.Route));

        // The bar moves part by part, never past the total, and ends on it.
        var uploading = progress.Reports.Where(p => p.Phase == SyncPhase.Uploading).ToList();
        var total = (120 * MiB) + 2;
        Assert.All(uploading, p => Assert.Equal(total, p.BytesTotal));
        Assert.Contains(uploading, p => p.BytesDone > 0 && p.BytesDone < total && p.CompletedFile is null);
        Assert.All(uploading, p => Assert.InRange(p.BytesDone, 0, total));
        Assert.Equal(total, uploading[^1].BytesDone);
    }

    [Fact]
    public async Task Where_presigned_urls_are_off_the_file_falls_back_to_one_put_and_counts_its_bytes_once()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(o => o.Multipart = MultipartMode.Off);
        var big = await RandomFileAsync("data.bin", 6 * MiB);
        var progress = new RecordingProgress();

        var result = await new VolumeSync(h.Client, _logger).SyncAsync(Config(threshold: MultipartThreshold.Minimum), progress);

        var file = Assert.Single(result.Files);
        Assert.Equal(FileOutcome.Uploaded, file.Outcome);
        Assert.Equal(UploadRoute.SinglePut, file.Route);
        Assert.Equal(MultipartHarness.Sha256(big), MultipartHarness.Sha256(h.DiskPath(file.RemotePath)));
        Assert.Equal(403, h.Requests.Snapshot().Single(r => r.Path == "/api/2.0/fs/create-upload-part-urls").Status);
        Assert.All(progress.Reports.Where(p => p.Phase == SyncPhase.Uploading), p => Assert.InRange(p.BytesDone, 0, 6 * MiB));
        Assert.Equal(6 * MiB, progress.Reports.Last(p => p.Phase == SyncPhase.Uploading).BytesDone);
    }

    [Fact]
    public async Task A_dry_run_says_which_files_would_go_in_parts_and_sends_nothing()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        await RandomFileAsync("big.bin", 6 * MiB);
        _local.Write("small.txt", "small");

        var result = await new VolumeSync(h.Client, _logger).SyncAsync(Config(dryRun: true, threshold: MultipartThreshold.Minimum));

        Assert.Equal(new UploadRoute(UploadMethod.Multipart, 16 * MiB, 1), result.Files.Single(f => f.RelativePath == "big.bin").Route);
        Assert.Equal(UploadRoute.SinglePut, result.Files.Single(f => f.RelativePath == "small.txt").Route);
        var big = result.Files.Single(f => f.RelativePath == "big.bin");
        var small = result.Files.Single(f => f.RelativePath == "small.txt");
        Assert.Equal("6.0 MiB, multipart, 1 part of 16 MiB", ProgressText.SizeAndRoute(big.Size, big.Route));
        Assert.Equal("5 B", ProgressText.SizeAndRoute(small.Size, small.Route));
        Assert.All(h.Requests.Snapshot(), r => Assert.Equal("GET", r.Method));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Files_no_route_can_take_fail_before_they_are_read_and_the_rest_is_synced(bool dryRun)
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        // Sparse: only the size matters, and the files are never read (hashing them would take minutes).
        Sparse("over-single-put.iso", DatabricksClient.MaxSinglePutBytes + 1);
        Sparse("over-multipart.img", DatabricksClient.MaxMultipartBytes + 1);
        _local.Write("app.dll", "app");
        var sync = new VolumeSync(h.Client, _logger);

        // Multipart off: over the single-PUT limit is too large. Multipart on: over what parts can carry is.
        var off = await sync.SyncAsync(Config(dryRun, threshold: null, exclude: "*.img", remote: "off"));
        var on = await sync.SyncAsync(Config(dryRun, exclude: "*.iso", remote: "on"));

        foreach (var (result, name, code) in new[] { (off, "over-single-put.iso", "VOLSYNC2050"), (on, "over-multipart.img", "VOLSYNC2452") })
        {
            var failed = Assert.Single(result.Files, f => f.Outcome == FileOutcome.Failed);
            Assert.Equal((name, code), (failed.RelativePath, failed.ErrorCode));
            Assert.Equal(string.Empty, failed.Sha256);
            Assert.Contains(name, failed.Error, StringComparison.Ordinal);
            Assert.Single(result.Files, f => f.RelativePath == "app.dll" && f.Outcome == (dryRun ? FileOutcome.WouldUpload : FileOutcome.Uploaded));
        }

        Assert.Contains("5,497,558,138,880 bytes", on.Files.Single(f => f.Outcome == FileOutcome.Failed).Error, StringComparison.Ordinal);
    }

    private void Sparse(string relative, long length)
    {
        using var stream = new FileStream(_local.Combine(relative), FileMode.CreateNew, FileAccess.Write);
        stream.SetLength(length);
    }

    private async Task<string> RandomFileAsync(string relative, long size)
    {
        var path = _local.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var chunk = new byte[MiB];
        await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            for (long written = 0; written < size; written += chunk.Length)
            {
                System.Security.Cryptography.RandomNumberGenerator.Fill(chunk);
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - written)));
            }
        }

        File.SetLastWriteTimeUtc(path, TempDirectory.OldTime);
        return path;
    }

    public void Dispose()
    {
        _local.Dispose();
        _cache.Dispose();
    }
}
