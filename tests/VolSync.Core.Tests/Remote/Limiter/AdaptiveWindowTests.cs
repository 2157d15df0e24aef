using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Limiter;

public class AdaptiveWindowTests
{
    [Fact]
    public void Auto_starts_at_5_and_gains_one_slot_per_window_of_answers()
    {
        var window = new AdaptiveWindow(ConcurrencyLimit.Auto);
        Assert.Equal(5, window.Slots);

        for (var i = 0; i < 5; i++)
        {
            window.OnAnswered(inFlight: 5);
        }

        Assert.Equal(5, window.Slots);
        window.OnAnswered(inFlight: 5);
        Assert.Equal(6, window.Slots);
    }

    [Fact]
    public void Auto_never_passes_32_and_a_fixed_cap_never_passes_itself()
    {
        var auto = new AdaptiveWindow(ConcurrencyLimit.Auto);
        var fixedSeven = new AdaptiveWindow(ConcurrencyLimit.Fixed(7));
        for (var i = 0; i < 10_000; i++)
        {
            auto.OnAnswered(inFlight: auto.Slots);
            fixedSeven.OnAnswered(inFlight: fixedSeven.Slots);
        }

        Assert.Equal(32, auto.Slots);
        Assert.Equal(7, fixedSeven.Slots);
    }

    [Fact]
    public void A_throttle_shrinks_the_window_once_per_round_and_never_below_1()
    {
        var window = new AdaptiveWindow(ConcurrencyLimit.Fixed(20));
        var round = window.Round;

        window.OnThrottled(round, inFlight: 20);
        var afterOne = window.Value;
        // More throttles of requests that started before the decrease are echoes of it.
        window.OnThrottled(round, inFlight: 20);
        window.OnThrottled(round, inFlight: 19);

        Assert.Equal(20 * AdaptiveWindow.DecreaseFactor, afterOne, 6);
        Assert.Equal(afterOne, window.Value);
        for (var i = 0; i < 100; i++)
        {
            window.OnThrottled(window.Round, inFlight: 1);
        }

        Assert.Equal(1, window.Slots);
    }

    [Fact]
    public void Throttles_concentrated_above_one_concurrency_set_a_ceiling_that_is_probed_slowly()
    {
        // A hard limit of 10: everything up to 10 in flight is answered, the 11th is throttled.
        var window = new AdaptiveWindow(ConcurrencyLimit.Auto);
        var throttles = 0;
        var answered = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var slots = window.Slots;
            if (slots > 10)
            {
                window.OnThrottled(window.Round, inFlight: slots);
                throttles++;
            }
            else
            {
                window.OnAnswered(inFlight: slots);
                answered++;
            }
        }

        Assert.Equal(11, window.Ceiling);
        // Probing past the limit costs about one throttle per 8 windows of answers, far under 5%.
        Assert.InRange((double)throttles / (throttles + answered), 0.001, 0.02);
        Assert.InRange(window.Slots, 10, 11);
    }

    [Fact]
    public void A_throttle_at_a_known_limit_steps_back_to_just_below_it()
    {
        // A hard limit of 10, found: the next probe past it costs one slot, not the factor's 15%.
        var window = new AdaptiveWindow(ConcurrencyLimit.Auto);
        var slotsSeen = new List<int>();
        for (var i = 0; i < 5_000; i++)
        {
            var slots = window.Slots;
            if (slots > 10)
            {
                window.OnThrottled(window.Round, inFlight: slots);
            }
            else
            {
                window.OnAnswered(inFlight: slots);
            }

            slotsSeen.Add(window.Slots);
        }

        // Once found, the window never again drops below the limit: it is 10 or probing at 11.
        Assert.All(slotsSeen.Skip(1000), s => Assert.InRange(s, 10, 11));
        Assert.True(slotsSeen.Skip(1000).Count(s => s == 10) > 4000 * 0.8, "the window sits at the limit");
    }

    [Fact]
    public void A_limit_confirmed_again_and_again_is_probed_less_and_less()
    {
        // A hard limit of 10: count the answers between probes past it.
        var window = new AdaptiveWindow(ConcurrencyLimit.Auto);
        var gaps = new List<int>();
        var sinceThrottle = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var slots = window.Slots;
            if (slots > 10)
            {
                window.OnThrottled(window.Round, inFlight: slots);
                gaps.Add(sinceThrottle);
                sinceThrottle = 0;
            }
            else
            {
                window.OnAnswered(inFlight: slots);
                sinceThrottle++;
            }
        }

        // Once found, 8 windows of answers per probe, then 16, 32 and at most 64.
        Assert.InRange(gaps[^1], 10 * AdaptiveWindow.SlowProbeDivisor * AdaptiveWindow.MaxProbeSlowdown * 0.9, 10 * AdaptiveWindow.SlowProbeDivisor * AdaptiveWindow.MaxProbeSlowdown * 1.1);
        Assert.True(gaps[^1] > 4 * gaps[3], $"gaps between probes: {string.Join(", ", gaps.Take(8))} … {gaps[^1]}");
    }

    [Fact]
    public void Random_throttling_at_every_concurrency_sets_no_ceiling()
    {
        var random = new Random(17);
        var window = new AdaptiveWindow(ConcurrencyLimit.Auto);
        var slotsSeen = new List<int>();
        for (var i = 0; i < 5_000; i++)
        {
            // 15% of answers throttled whatever the concurrency, as the emulator's --rate-429 0.1 --rate-503 0.05.
            var inFlight = 1 + random.Next(window.Slots);
            if (random.NextDouble() < 0.15)
            {
                window.OnThrottled(window.Round - random.Next(2), inFlight);
            }
            else
            {
                window.OnAnswered(inFlight);
            }

            slotsSeen.Add(window.Slots);
        }

        Assert.Null(window.Ceiling);
        // Noise does not talk the window down to a crawl.
        Assert.True(slotsSeen.Skip(1000).Average() >= 4, $"average {slotsSeen.Skip(1000).Average()}");
    }

    [Fact]
    public void Steeply_climbing_latency_shrinks_the_window_once_per_round_and_rising_latency_stops_its_growth()
    {
        var window = new AdaptiveWindow(ConcurrencyLimit.Auto);
        for (var i = 0; i < 40; i++)
        {
            window.OnAnswered(inFlight: 5, window.Round, TimeSpan.FromMilliseconds(100));
        }

        var grown = window.Value;
        var round = window.Round;
        var values = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            // All from requests that started before any decrease: one decrease, however many of them are slow.
            window.OnAnswered(inFlight: 5, round, TimeSpan.FromMilliseconds(1000));
            values.Add(window.Value);
        }

        Assert.True(grown > 5, $"stable latency lets the window grow, it is {grown:0.00}");
        Assert.Equal(round + 1, window.Round);
        Assert.True(values.Min() < grown, $"a steep climb shrinks the window ({grown:0.00} -> {values.Min():0.00})");
        // The second and third slow answers: latency rises but is not yet steep, and the window holds still.
        Assert.Equal(values[1], values[2]);
    }

    [Fact]
    public void A_service_that_became_slower_for_good_costs_one_decrease_and_growth_resumes()
    {
        var window = new AdaptiveWindow(ConcurrencyLimit.Auto);
        for (var i = 0; i < 40; i++)
        {
            window.OnAnswered(inFlight: 5, window.Round, TimeSpan.FromMilliseconds(100));
        }

        var round = window.Round;
        var lowest = window.Value;
        for (var i = 0; i < 600; i++)
        {
            window.OnAnswered(inFlight: 5, window.Round, TimeSpan.FromMilliseconds(1000));
            lowest = Math.Min(lowest, window.Value);
        }

        Assert.Equal(round + 1, window.Round);
        Assert.True(window.Value > lowest + 1, $"growth resumes at the new latency: lowest {lowest:0.00}, now {window.Value:0.00}");
    }

    [Fact]
    public void Latency_noise_of_tens_of_milliseconds_neither_shrinks_nor_stops_the_window()
    {
        var window = new AdaptiveWindow(ConcurrencyLimit.Auto);
        var random = new Random(3);
        for (var i = 0; i < 600; i++)
        {
            window.OnAnswered(inFlight: window.Slots, window.Round, TimeSpan.FromMilliseconds(100 + random.Next(0, 120)));
        }

        Assert.Equal(0, window.Round);
        Assert.Equal(32, window.Slots);
    }
}
