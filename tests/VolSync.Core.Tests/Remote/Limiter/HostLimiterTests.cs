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
        for (var round = 0; round < 10; round++)
        {
            // Every slot taken: the window is what holds requests back, so answers grow it.
            var full = new List<RequestSlot>();
            for (var i = 0; i < limiter.Slots; i++)
            {
                full.Add(await limiter.AcquireAsync(CancellationToken.None));
            }

            foreach (var slot in full)
            {
                slot.Answered();
            }

            foreach (var slot in full)
            {
                slot.Dispose();
            }
        }

        Assert.Equal(10, limiter.Slots);
    }

    [Fact]
    public async Task Answers_while_the_window_holds_nothing_back_do_not_grow_it()
    {
        // One request at a time under a window of 5: a larger window would serve no one, and near the end of a run
        // would only let the last requests probe past the host's limit.
        var limiter = Create(ConcurrencyLimit.Auto);
        for (var i = 0; i < 200; i++)
        {
            using var slot = await limiter.AcquireAsync(CancellationToken.None);
            slot.Answered();
        }

        Assert.Equal(ConcurrencyLimit.AutoInitial, limiter.Slots);
    }

    [Fact]
    public async Task A_throttle_counts_at_the_concurrency_it_met_not_the_count_when_it_was_granted()
    {
        // Granted as the 10th; an 11th granted after it reached the host first, so this one met 11 in flight.
        var limiter = Create(ConcurrencyLimit.Fixed(11));
        var slots = new List<RequestSlot>();
        for (var i = 0; i < 11; i++)
        {
            slots.Add(await limiter.AcquireAsync(CancellationToken.None));
        }

        Assert.Equal(10, slots[9].InFlightAtStart);
        Assert.Equal(11, limiter.RecordedLevel(slots[9]));
        foreach (var slot in slots)
        {
            slot.Dispose();
        }
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
