using System.Net;
using VolSync.Emulator;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Multipart;

/// <summary>The GCP variant: a resumable upload fed with Content-Range chunks, against the emulator over HTTP.</summary>
public sealed class ResumableUploadTests
{
    private const string V = Contract.ClientAgainstEmulator.Volume;
    private const long MiB = MultipartHarness.MiB;

    [Fact]
    public async Task Chunks_go_in_order_to_one_resumable_url_and_land_byte_exact()
    {
        await using var h = await MultipartHarness.StartAsync(MultipartMode.Gcp);
        var local = await h.WriteRandomFileAsync((12 * MiB) + 7);

        var route = await h.UploadAsync($"{V}/gcp/file.bin", local);

        Assert.Equal(new UploadRoute(UploadMethod.Resumable, 5 * MiB, 3), route);
        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/gcp/file.bin")));
        var chunks = h.CloudRequests();
        Assert.Equal([308, 308, 200], chunks.Select(c => c.Status));
        Assert.All(chunks, c => Assert.False(c.HadAuthorization));
        Assert.Equal(1, h.Requests.Count("POST", "/api/2.0/fs/create-resumable-upload-url"));
        Assert.Equal(0, h.Requests.Count("POST", "/api/2.0/fs/create-upload-part-urls"));
        Assert.DoesNotContain(h.Requests.Snapshot(), r => r.RawPathAndQuery.Contains("complete-upload", StringComparison.Ordinal));
        Assert.Equal(0, h.Server.OpenUploadSessions);
    }

    [Theory]
    [InlineData(FaultKind.Status503)]
    [InlineData(FaultKind.Drop)]
    public async Task A_failed_chunk_is_resumed_from_what_the_storage_holds(FaultKind fault)
    {
        await using var h = await MultipartHarness.StartAsync(MultipartMode.Gcp);
        var local = await h.WriteRandomFileAsync(12 * MiB);
        h.Server.Faults.FailNext(1, fault, "PUT", "/cloud/resumable/");

        await h.UploadAsync($"{V}/gcp/resumed.bin", local);

        Assert.Equal(MultipartHarness.Sha256(local), MultipartHarness.Sha256(h.DiskPath($"{V}/gcp/resumed.bin")));
        var puts = h.CloudRequests().Where(r => r.Method == "PUT").ToList();
        // The failed first chunk, the status query (nothing stored: 308 without Range), then three chunks.
        Assert.Equal([fault == FaultKind.Drop ? 0 : 503, 308, 308, 308, 200], puts.Select(p => p.Status));
        Assert.Equal(0, puts[1].RequestBytes);
    }

    [Fact]
    public async Task Overwrite_false_onto_an_existing_file_answers_412_which_is_a_conflict()
    {
        await using var h = await MultipartHarness.StartAsync(MultipartMode.Gcp);
        var local = await h.WriteRandomFileAsync(6 * MiB);
        await h.UploadAsync($"{V}/gcp/exists.bin", local);

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.UploadAsync($"{V}/gcp/exists.bin", local, new UploadOptions { Overwrite = false, MultipartThreshold = MultipartThreshold.Minimum }));

        Assert.Equal("VOLSYNC1004", ex.Code);
        Assert.Equal(HttpStatusCode.PreconditionFailed, ex.StatusCode);
        Assert.Equal(412, h.CloudRequests().Last(r => r.Method == "PUT").Status);
    }
}
