using System.Collections.Concurrent;
using VolSync.Auth;
using VolSync.Emulator;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Contract;

/// <summary>
/// The host limiter against the emulator's own limits, over HTTP. Nothing here measures time: waits the test must
/// observe are held open by the test itself and released once it has looked.
/// </summary>
public sealed class SharedLimiterContractTests : IAsyncLifetime
{
    private const string V = ClientAgainstEmulator.Volume;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ClientAgainstEmulator _h = null!;

    public async Task InitializeAsync() => _h = await ClientAgainstEmulator.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DatabricksClient NewClient(ConcurrencyLimit limit, Func<TimeSpan, CancellationToken, Task>? retryDelay = null, Func<TimeSpan, CancellationToken, Task>? pauseDelay = null, Action<RequestRetry>? onRetry = null) =>
        new(_h.Server.BaseUri, new PatCredentials(ClientAgainstEmulator.Token), new DatabricksClientOptions
        {
            Concurrency = limit,
            RetryDelay = retryDelay ?? ((_, ct) => Task.Delay(TimeSpan.FromMilliseconds(2), ct)),
            PauseDelay = pauseDelay,
            OnRetry = onRetry,
        });

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token).ContinueWith(t => Assert.False(t.IsCanceled, "timed out waiting until " + what), TaskScheduler.Default);
        }
    }

    private static Task UploadAsync(DatabricksClient client, string name) =>
        client.UploadAsync($"{V}/{name}", ClientAgainstEmulator.Content([1, 2, 3]), 3, overwrite: true);

    [Fact]
    public async Task A_fixed_cap_is_never_exceeded_however_many_callers_send()
    {
        _h.Server.Options.MaxConcurrent = 3;
        _h.Server.Options.LatencyMs = 20;
        using var client = NewClient(ConcurrencyLimit.Fixed(3));

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => UploadAsync(client, $"cap/{i}")));

        Assert.Equal(40, Directory.GetFiles(_h.DiskPath($"{V}/cap")).Length);
        Assert.Equal(0, _h.Requests.Snapshot().Count(r => r.Status == 429));
    }

    [Fact]
    public async Task A_lone_429_waits_without_its_slot_and_does_not_stall_the_others()
    {
        _h.Server.Faults.FailNext(1, FaultKind.Status429, "PUT", "/lone/first");
        var held = new TaskCompletionSource();
        var retries = new ConcurrentQueue<RequestRetry>();
        // One slot only: if the throttled upload kept it while waiting, nothing else could be sent.
        using var client = NewClient(
            ConcurrencyLimit.Fixed(1),
            retryDelay: (_, ct) => held.Task.WaitAsync(ct),
            onRetry: retries.Enqueue);

        var first = UploadAsync(client, "lone/first");
        await WaitUntilAsync(() => !retries.IsEmpty, "the first upload is waiting out its 429");
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => UploadAsync(client, $"lone/other-{i}"))).WaitAsync(Patience);

        Assert.False(first.IsCompleted);
        Assert.False(client.Limiter.Paused);
        held.SetResult();
        await first.WaitAsync(Patience);
        Assert.Equal(6, Directory.GetFiles(_h.DiskPath($"{V}/lone")).Length);
        var retry = Assert.Single(retries);
        Assert.Equal(("upload", $"{V}/lone/first", 2, false), (retry.Operation, retry.Path, retry.Attempt, retry.PausesHost));
        Assert.StartsWith("HTTP 429", retry.Reason);
    }

    [Fact]
    public async Task A_storm_of_429s_pauses_every_request_to_the_host_until_the_wait_is_over()
    {
        _h.Server.Faults.FailNext(200, FaultKind.Status429, "PUT");
        var resume = new TaskCompletionSource();
        var retries = new ConcurrentQueue<RequestRetry>();
        using var client = NewClient(ConcurrencyLimit.Fixed(4), pauseDelay: (_, _) => resume.Task, onRetry: retries.Enqueue);

        var uploads = Enumerable.Range(0, 8).Select(i => UploadAsync(client, $"storm/{i}")).ToList();
        await WaitUntilAsync(() => client.Limiter.Paused, "the host is paused");
        // Every upload has come back from its 429 and waits at the gate: none is sent while the host is paused.
        await WaitUntilAsync(() => client.Limiter.Waiting == uploads.Count && client.Limiter.InFlight == 0, "all uploads wait at the gate");
        var sentWhilePaused = _h.Requests.Count("PUT");
        _h.Server.Faults.Clear();

        Assert.True(client.Limiter.Paused);
        Assert.Equal(sentWhilePaused, _h.Requests.Count("PUT"));
        Assert.Contains(retries, r => r.PausesHost);
        Assert.All(uploads, u => Assert.False(u.IsCompleted));
        resume.SetResult();
        await Task.WhenAll(uploads).WaitAsync(Patience);
        Assert.Equal(8, Directory.GetFiles(_h.DiskPath($"{V}/storm")).Length);
    }

    [Fact]
    public async Task Auto_grows_toward_the_hosts_limit_and_shrinks_on_429()
    {
        _h.Server.Options.MaxConcurrent = 8;
        // Long enough that the server sees every request the client holds in flight, even when a busy machine
        // delays the client itself (at a few milliseconds the server would rarely see more than the limit).
        _h.Server.Options.LatencyMs = 100;
        _h.Server.Options.RetryAfterSeconds = 0;
        using var client = NewClient(ConcurrencyLimit.Auto);
        var history = new List<double>();
        client.Limiter.WindowChanged = history.Add;

        await Task.WhenAll(Enumerable.Range(0, 48).Select(async worker =>
        {
            for (var i = 0; i < 8; i++)
            {
                await UploadAsync(client, $"auto/{worker}-{i}");
            }
        })).WaitAsync(Patience);

        Assert.Equal(384, Directory.GetFiles(_h.DiskPath($"{V}/auto")).Length);
        var peak = history.Max();
        var peakAt = history.IndexOf(peak);
        Assert.True(peak >= 8, $"the window should grow from 5 past the limit of 8, peaked at {peak:0.0}");
        Assert.Contains(_h.Requests.Snapshot(), r => r.Status == 429);
        Assert.True(history.Skip(peakAt).Min() < peak - 1, "a 429 shrinks the window");
    }

    [Fact]
    public async Task A_download_keeps_its_slot_until_the_stream_is_disposed()
    {
        using var client = NewClient(ConcurrencyLimit.Fixed(1));
        await UploadAsync(client, "dl.bin");

        var stream = await client.OpenReadAsync($"{V}/dl.bin");
        var metadata = client.GetFileMetadataAsync($"{V}/dl.bin");
        await WaitUntilAsync(() => client.Limiter.Waiting == 1, "the HEAD waits for the download's slot");
        Assert.False(metadata.IsCompleted);
        await stream.DisposeAsync();

        Assert.Equal(3, (await metadata.WaitAsync(Patience))!.Length);
    }

    [Fact]
    public async Task Auto_shrinks_when_latency_climbs_steeply_before_any_429()
    {
        _h.Server.Options.LatencyMs = 1;
        using var client = NewClient(ConcurrencyLimit.Auto);
        var history = new List<double>();
        client.Limiter.WindowChanged = history.Add;
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async worker =>
        {
            for (var i = 0; i < 8; i++)
            {
                await UploadAsync(client, $"fast/{worker}-{i}");
            }
        })).WaitAsync(Patience);
        var grown = history[^1];
        var fastAnswers = history.Count;

        // The service now queues: every answer takes far longer, and it never says 429.
        _h.Server.Options.LatencyMs = 800;
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async worker =>
        {
            for (var i = 0; i < 3; i++)
            {
                await UploadAsync(client, $"slow/{worker}-{i}");
            }
        })).WaitAsync(Patience);

        Assert.True(grown > 5, $"fast answers grow the window from 5, it is {grown:0.00}");
        Assert.DoesNotContain(_h.Requests.Snapshot(), r => r.Status == 429);
        var slowest = history.Skip(fastAnswers).Min();
        Assert.True(slowest < grown - 0.5, $"the window should shrink when latency climbs: {grown:0.00} -> at least {slowest:0.00}");
    }
}
