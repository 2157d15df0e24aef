using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Limiter;

public class HostLimiterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static HostLimiter Create(ConcurrencyLimit limit, Func<TimeSpan, CancellationToken, Task>? pause = null) =>
        new("https://adb-1.azuredatabricks.net", limit, pause ?? ((d, ct) => Task.Delay(d, ct)));

    [Fact]
    public async Task A_fixed_cap_hands_out_that_many_slots_and_the_next_in_arrival_order()
    {
        var limiter = Create(ConcurrencyLimit.Fixed(2));
        var a = await limiter.AcquireAsync(CancellationToken.None);
        var b = await limiter.AcquireAsync(CancellationToken.None);
        var c = limiter.AcquireAsync(CancellationToken.None).AsTask();
        var d = limiter.AcquireAsync(CancellationToken.None).AsTask();

        Assert.False(c.IsCompleted);
        Assert.Equal(2, limiter.Waiting);
        a.Answered();
        a.Dispose();
        var third = await c.WaitAsync(Patience);
        Assert.False(d.IsCompleted);
        Assert.Equal(2, limiter.InFlight);

        b.Dispose();
        b.Dispose();
        (await d.WaitAsync(Patience)).Dispose();
        third.Dispose();
        Assert.Equal(0, limiter.InFlight);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_and_takes_no_slot()
    {
        var limiter = Create(ConcurrencyLimit.Fixed(1));
        using var held = await limiter.AcquireAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(cts.Token).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, limiter.Waiting);
        Assert.Equal(1, limiter.InFlight);
    }

    [Fact]
    public async Task A_pause_holds_every_new_request_until_it_ends()
    {
        var resume = new TaskCompletionSource();
        var limiter = Create(ConcurrencyLimit.Fixed(4), (_, _) => resume.Task);

        limiter.Pause(TimeSpan.FromSeconds(1));
        var waiting = Enumerable.Range(0, 3).Select(_ => limiter.AcquireAsync(CancellationToken.None).AsTask()).ToList();

        Assert.True(limiter.Paused);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        resume.SetResult();
        foreach (var slot in await Task.WhenAll(waiting).WaitAsync(Patience))
        {
            slot.Dispose();
        }

        Assert.False(limiter.Paused);
    }

    [Fact]
    public async Task Throttles_shrink_the_slots_for_everyone_and_answers_grow_them_back()
    {
        var limiter = Create(ConcurrencyLimit.Fixed(10));
        var slots = new List<RequestSlot>();
        for (var i = 0; i < 10; i++)
        {
            slots.Add(await limiter.AcquireAsync(CancellationToken.None));
        }

        Assert.False(slots[0].Throttled(tooManyRequests: true));
        foreach (var slot in slots)
        {
            slot.Dispose();
        }

        Assert.Equal(8, limiter.Slots);
        for (var i = 0; i < 40; i++)
        {
            using var slot = await limiter.AcquireAsync(CancellationToken.None);
            slot.Answered();
        }

        Assert.Equal(10, limiter.Slots);
    }

    [Fact]
    public async Task Reconfiguring_to_a_larger_cap_lets_waiting_requests_in_at_once()
    {
        var limiter = Create(ConcurrencyLimit.Fixed(1));
        using var held = await limiter.AcquireAsync(CancellationToken.None);
        var waiting = limiter.AcquireAsync(CancellationToken.None).AsTask();

        limiter.Reconfigure(ConcurrencyLimit.Fixed(3));

        using var second = await waiting.WaitAsync(Patience);
        Assert.Equal(3, limiter.Slots);
    }
}
