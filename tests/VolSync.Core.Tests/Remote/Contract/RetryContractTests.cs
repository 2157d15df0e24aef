using System.Security.Cryptography;
using VolSync.Emulator;

namespace VolSync.Core.Tests.Remote.Contract;

public class RetryContractTests
{
    private const string V = ClientAgainstEmulator.Volume;

    [Fact]
    public async Task Thirty_uploads_under_seeded_429_503_and_drops_at_30_percent_all_land_intact()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(seed: 20261124);
        var options = h.Server.Options;
        options.Rate429 = 0.1;
        options.Rate503 = 0.1;
        options.RateDrop = 0.1;
        options.RetryAfterSeconds = 0;
        var files = Enumerable.Range(0, 30).Select(i => ($"{V}/r/{i:00}.bin", RandomNumberGenerator.GetBytes(10_000 + (i * 7919)))).ToList();

        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 5 }, async (file, ct) =>
            await h.Client.UploadAsync(file.Item1, ClientAgainstEmulator.Content(file.Item2), file.Item2.Length, overwrite: true, ct));

        options.Rate429 = options.Rate503 = options.RateDrop = 0;
        foreach (var (path, bytes) in files)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(h.DiskPath(path)));
        }

        var puts = h.Requests.Snapshot().Where(r => r.Method == "PUT").ToList();
        Assert.True(puts.Count > files.Count, $"expected injected faults to cause retries, saw {puts.Count} PUTs");
        Assert.Contains(puts, r => r.Status == 429);
        Assert.Contains(puts, r => r.Status == 503);
        Assert.Contains(puts, r => r.Status == 0);
        // Nothing but the uploaded files in the folder: broken attempts leave no partial files behind.
        Assert.Equal(files.Select(f => Path.GetFileName(f.Item1)).Order(), Directory.GetFiles(h.DiskPath($"{V}/r")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_dropped_upload_is_retried_with_the_stream_reopened()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        h.Server.Faults.FailNext(2, FaultKind.Drop, "PUT");
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var opens = 0;

        await h.Client.UploadAsync($"{V}/dropped.bin", _ =>
        {
            Interlocked.Increment(ref opens);
            return new ValueTask<Stream>(new MemoryStream(bytes));
        }, bytes.Length, overwrite: false);

        Assert.Equal(3, opens);
        Assert.Equal(3, h.Requests.Count("PUT"));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(h.DiskPath($"{V}/dropped.bin")));
    }

    [Fact]
    public async Task Listing_survives_throttling_and_drops_between_pages()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(listPageSize: 3);
        for (var i = 0; i < 10; i++)
        {
            await h.Client.UploadAsync($"{V}/l/{i}", ClientAgainstEmulator.Content([(byte)i]), 1, overwrite: true);
        }

        h.Server.Options.RetryAfterSeconds = 0;
        h.Server.Faults.FailNext(1, FaultKind.Status429, "GET");
        h.Server.Faults.FailNext(1, FaultKind.Drop, "GET");
        h.Server.Faults.FailNext(1, FaultKind.Status503, "GET");

        var names = await h.Client.ListDirectoryAsync($"{V}/l").Select(e => e.Name).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()).Order(), names.Order());
    }

    [Fact]
    public async Task Concurrency_limit_answers_429_and_the_client_backs_off_until_done()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        h.Server.Options.MaxConcurrent = 2;
        h.Server.Options.LatencyMs = 20;
        h.Server.Options.RetryAfterSeconds = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 12), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, ct) =>
            await h.Client.UploadAsync($"{V}/c/{i}", ClientAgainstEmulator.Content([(byte)i]), 1, overwrite: true, ct));

        Assert.Equal(12, Directory.GetFiles(h.DiskPath($"{V}/c")).Length);
    }
}
