using System.Net;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Multipart;

/// <summary>The multipart flow (AWS/Azure) of the real client against the emulator over HTTP.</summary>
public sealed class MultipartUploadTests
{
    private const string V = Contract.ClientAgainstEmulator.Volume;
    private const long MiB = MultipartHarness.MiB;

    [Fact]
    public async Task Parts_go_to_presigned_urls_without_the_workspace_credentials_and_land_byte_exact()
    {
        await using var h = await MultipartHarness.StartAsync();
        var local = await h.WriteRandomFileAsync((12 * MiB) + 12345);

        var route = await h.UploadAsync($"{V}/big/file.bin", local);

        Assert.Equal(new UploadRoute(UploadMethod.Multipart, 5 * MiB, 3), route);
        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/big/file.bin")));
        var requests = h.Requests.Snapshot();
        var parts = requests.Where(r => r.Path.StartsWith("/cloud/upload/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.Equal("PUT", p.Method));
        Assert.All(parts, p => Assert.Equal(200, p.Status));
        Assert.All(parts, p => Assert.False(p.HadAuthorization, $"{p.Method} {p.Path} carried an Authorization header"));
        Assert.Equal((12 * MiB) + 12345, parts.Sum(p => p.RequestBytes));
        // Every workspace call is authenticated; the presigned ones are not: they go to another host.
        var api = requests.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.All(api, r => Assert.True(r.HadAuthorization, $"{r.Method} {r.Path} had no Authorization header"));
        // Initiate and complete, both on the file's path.
        Assert.Equal(2, h.Requests.Count("POST", "/api/2.0/fs/files/Volumes/main/default/vol/big/file.bin"));
        Assert.Contains(api, r => r.RawPathAndQuery.Contains("?action=initiate-upload&overwrite=true", StringComparison.Ordinal));
        Assert.Contains(api, r => r.RawPathAndQuery.Contains("?action=complete-upload&upload_type=multipart&session_token=", StringComparison.Ordinal));
        Assert.Equal(0, h.Requests.Count("PUT", "/api/"));
        // ceil(sqrt(3)) = 2 URLs per batch: two mint calls for three parts.
        Assert.Equal(2, h.Requests.Count("POST", "/api/2.0/fs/create-upload-part-urls"));
        Assert.Equal(0, h.Server.OpenUploadSessions);
        Assert.Equal(["file.bin"], Directory.GetFiles(h.DiskPath($"{V}/big")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(10 * MiB, 10 * MiB + 1, 3)] // just over the threshold: the last part is one byte
    [InlineData(5 * MiB, 6 * MiB, 1)] // one part only (16 MiB parts)
    [InlineData(5 * MiB, 10 * MiB, 2)] // exactly two full parts
    public async Task Sizes_at_the_edges_land_byte_exact(long threshold, long size, int parts)
    {
        await using var h = await MultipartHarness.StartAsync(partSize: parts == 1 ? 16 * MiB : 5 * MiB);
        var local = await h.WriteRandomFileAsync(size);

        var route = await h.UploadAsync($"{V}/edge.bin", local, new UploadOptions { MultipartThreshold = threshold });

        Assert.Equal(UploadMethod.Multipart, route.Method);
        Assert.Equal(parts, route.PartCount);
        Assert.Equal(parts, h.CloudRequests().Count(r => r.Method == "PUT"));
        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/edge.bin")));
    }

    [Fact]
    public async Task Below_the_threshold_a_file_is_one_put()
    {
        await using var h = await MultipartHarness.StartAsync();
        var local = await h.WriteRandomFileAsync(6 * MiB);

        var route = await h.UploadAsync($"{V}/small.bin", local, new UploadOptions { MultipartThreshold = 6 * MiB + 1 });

        Assert.Equal(UploadRoute.SinglePut, route);
        var only = Assert.Single(h.Requests.Snapshot());
        Assert.Equal("PUT", only.Method);
    }

    [Theory]
    [InlineData(FaultKind.Status500)]
    [InlineData(FaultKind.Status503)]
    [InlineData(FaultKind.Drop)]
    public async Task A_failed_part_is_retried_alone(FaultKind fault)
    {
        await using var h = await MultipartHarness.StartAsync();
        var local = await h.WriteRandomFileAsync(12 * MiB);
        h.Server.Faults.FailNext(1, fault, "PUT", "/part-2");

        await h.UploadAsync($"{V}/retried.bin", local);

        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/retried.bin")));
        var part2 = h.CloudRequests().Where(r => r.Path.EndsWith("/part-2", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, part2.Count);
        Assert.Equal(200, part2[^1].Status);
        Assert.Single(h.CloudRequests(), r => r.Path.EndsWith("/part-1", StringComparison.Ordinal));
        Assert.Single(h.CloudRequests(), r => r.Path.EndsWith("/part-3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_part_url_is_minted_again()
    {
        await using var h = await MultipartHarness.StartAsync();
        var local = await h.WriteRandomFileAsync(12 * MiB);
        h.Server.Faults.FailNext(1, FaultKind.ExpiredUrl, "PUT", "/part-3");

        await h.UploadAsync($"{V}/expired.bin", local);

        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/expired.bin")));
        Assert.Equal(403, h.CloudRequests().First(r => r.Path.EndsWith("/part-3", StringComparison.Ordinal)).Status);
        // Two batches for three parts, and one more for the expired URL.
        Assert.Equal(3, h.Requests.Count("POST", "/api/2.0/fs/create-upload-part-urls"));
    }

    [Fact]
    public async Task A_stalled_part_is_cut_and_sent_again()
    {
        await using var h = await MultipartHarness.StartAsync(inactivity: TimeSpan.FromSeconds(1));
        var local = await h.WriteRandomFileAsync(12 * MiB);
        h.Server.Faults.FailNext(1, FaultKind.Stall, "PUT", "/part-1");

        await h.UploadAsync($"{V}/stalled.bin", local);

        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/stalled.bin")));
        // The stalled attempt is still held by the emulator (it stops reading, so it may not notice the client leave).
        Assert.Single(h.CloudRequests(), r => r.Path.EndsWith("/part-1", StringComparison.Ordinal) && r.Status == 200);
        Assert.Contains(h.Logger.Lines, l => l.Message.Contains("(part 1) → no progress for 1 s", StringComparison.Ordinal));
        Assert.Contains(h.Logger.Lines, l => l.Message.StartsWith("part 1 of ", StringComparison.Ordinal) && l.Message.Contains("retrying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_presigned_urls_the_file_falls_back_to_one_put()
    {
        await using var h = await MultipartHarness.StartAsync(MultipartMode.Off);
        var local = await h.WriteRandomFileAsync(12 * MiB);

        var route = await h.UploadAsync($"{V}/fallback.bin", local);

        Assert.Equal(UploadRoute.SinglePut, route);
        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/fallback.bin")));
        Assert.Equal(403, h.Requests.Snapshot().Single(r => r.Path == "/api/2.0/fs/create-upload-part-urls").Status);
        // The session is aborted (best effort: the abort URL is refused too), then the one PUT.
        Assert.Single(h.Requests.Snapshot(), r => r.Path == "/api/2.0/fs/create-abort-upload-url");
        var put = Assert.Single(h.Requests.Snapshot(), r => r.Method == "PUT");
        Assert.Equal(12 * MiB, put.RequestBytes);
        Assert.Empty(h.CloudRequests());
        var line = Assert.Single(h.Logger.Lines, l => l.Code == "VOLSYNC1251");
        Assert.Contains("FILES_API_API_IS_NOT_ENABLED", line.Message, StringComparison.Ordinal);
        // A debug line (CLI --verbose, MSBuild low importance): the file did get uploaded, and the CLI shows no info lines.
        Assert.Equal(SyncLogLevel.Debug, line.Level);
    }

    [Fact]
    public async Task A_storage_firewall_refusing_every_part_falls_back_to_one_put()
    {
        await using var h = await MultipartHarness.StartAsync();
        var local = await h.WriteRandomFileAsync(12 * MiB);
        h.Server.Faults.FailNext(100, FaultKind.Forbidden, "PUT", "/cloud/upload/");

        var route = await h.UploadAsync($"{V}/firewalled.bin", local);

        Assert.Equal(UploadRoute.SinglePut, route);
        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/firewalled.bin")));
        Assert.All(h.CloudRequests().Where(r => r.Method == "PUT"), r => Assert.Equal(403, r.Status));
        Assert.Single(h.CloudRequests(), r => r.Method == "DELETE" && r.Path.StartsWith("/cloud/abort/", StringComparison.Ordinal));
        Assert.Equal(0, h.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task A_cloud_that_fails_every_try_of_every_part_falls_back_to_one_put()
    {
        await using var h = await MultipartHarness.StartAsync();
        var local = await h.WriteRandomFileAsync(12 * MiB);
        h.Server.Faults.FailNext(1000, FaultKind.Status503, "PUT", "/cloud/upload/");

        var route = await h.UploadAsync($"{V}/unreachable.bin", local);

        Assert.Equal(UploadRoute.SinglePut, route);
        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/unreachable.bin")));
        // Five tries of the part that gave up first; the others were stopped.
        Assert.InRange(h.CloudRequests().Count(r => r.Method == "PUT"), 5, 15);
        Assert.Contains("gave up after 5 attempts", Assert.Single(h.Logger.Lines, l => l.Code == "VOLSYNC1251").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_part_refused_after_others_landed_fails_the_file_and_aborts()
    {
        await using var h = await MultipartHarness.StartAsync(concurrency: 1);
        var local = await h.WriteRandomFileAsync(12 * MiB);
        h.Server.Faults.FailNext(1, FaultKind.Forbidden, "PUT", "/part-3");

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => h.UploadAsync($"{V}/refused.bin", local));

        Assert.Equal("VOLSYNC1252", ex.Code);
        Assert.Contains("part 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Server.OpenUploadSessions);
        Assert.False(File.Exists(h.DiskPath($"{V}/refused.bin")));
        Assert.Equal(0, h.Requests.Count("PUT", "/api/"));
    }

    [Fact]
    public async Task Cancelling_mid_file_aborts_the_session_and_leaves_nothing()
    {
        await using var h = await MultipartHarness.StartAsync();
        var local = await h.WriteRandomFileAsync(12 * MiB);
        h.Server.Faults.FailNext(1, FaultKind.Stall, "PUT", "/part-2");
        using var cancel = new CancellationTokenSource();

        var upload = h.UploadAsync($"{V}/cancelled.bin", local, cancellationToken: cancel.Token);
        await WaitUntilAsync(() => h.CloudRequests().Any(r => r.Status == 200));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        Assert.Single(h.Requests.Snapshot(), r => r.Path == "/api/2.0/fs/create-abort-upload-url");
        Assert.Equal(204, h.CloudRequests().Single(r => r.Method == "DELETE").Status);
        Assert.Equal(0, h.Server.OpenUploadSessions);
        Assert.False(File.Exists(h.DiskPath($"{V}/cancelled.bin")));
        Assert.DoesNotContain(h.Requests.Snapshot(), r => r.RawPathAndQuery.Contains("complete-upload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overwrite_false_onto_an_existing_file_is_a_conflict_at_completion()
    {
        await using var h = await MultipartHarness.StartAsync();
        var local = await h.WriteRandomFileAsync(12 * MiB);
        await h.UploadAsync($"{V}/exists.bin", local);

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.UploadAsync($"{V}/exists.bin", local, new UploadOptions { Overwrite = false, MultipartThreshold = MultipartThreshold.Minimum }));

        Assert.Equal("VOLSYNC1004", ex.Code);
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal(0, h.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task A_file_over_5000_MiB_without_presigned_urls_fails_saying_they_are_needed()
    {
        await using var h = await MultipartHarness.StartAsync(MultipartMode.Off);

        var ex = await Assert.ThrowsAsync<VolSyncException>(() =>
            h.Client.UploadAsync($"{V}/huge.iso", _ => new ValueTask<Stream>(new MemoryStream()), DatabricksClient.MaxSinglePutBytes + 1, new UploadOptions()));

        Assert.Equal("VOLSYNC1250", ex.Code);
        Assert.Contains("presigned", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FILES_API_API_IS_NOT_ENABLED", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Requests.Count("PUT"));
    }

    [Fact]
    public async Task A_file_that_changes_while_its_parts_are_read_is_never_completed()
    {
        await using var h = await MultipartHarness.StartAsync();
        var local = await h.WriteRandomFileAsync(12 * MiB);
        var changed = false;

        // The content stream checks the hash as it is read, as the engine's does: the last part is never handed over.
        await Assert.ThrowsAsync<VolSync.Hashing.LocalFileChangedException>(() => h.Client.UploadAsync(
            $"{V}/changing.bin",
            _ => new ValueTask<Stream>(new VolSync.Transfer.VerifyingReadStream(File.OpenRead(local), 12 * MiB, new string('0', 64), local, null, () => changed = true)),
            12 * MiB,
            new UploadOptions { MultipartThreshold = MultipartThreshold.Minimum }));

        Assert.True(changed);
        Assert.DoesNotContain(h.Requests.Snapshot(), r => r.RawPathAndQuery.Contains("complete-upload", StringComparison.Ordinal));
        Assert.Equal(0, h.Server.OpenUploadSessions);
        Assert.False(File.Exists(h.DiskPath($"{V}/changing.bin")));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
