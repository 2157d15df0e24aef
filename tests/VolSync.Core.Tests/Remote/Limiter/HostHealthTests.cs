using System.Diagnostics;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Limiter;

public class HostHealthTests
{
    private long _now = 1_000_000;

    private HostHealth Create() => new(() => _now);

    private void Advance(TimeSpan by) => _now += (long)(by.TotalSeconds * Stopwatch.Frequency);

    [Fact]
    public void Three_refused_connections_before_any_answer_stop_the_run()
    {
        var health = Create();

        Assert.False(health.OnConnectionFailure(beforeAnyByte: true));
        Advance(TimeSpan.FromSeconds(1));
        Assert.False(health.OnConnectionFailure(beforeAnyByte: true));
        Advance(TimeSpan.FromSeconds(2));
        Assert.True(health.OnConnectionFailure(beforeAnyByte: true));
        Assert.Equal(TimeSpan.FromSeconds(3), health.SinceFirstFastFailure);
    }

    [Fact]
    public void Once_the_host_answered_refusals_are_left_to_the_retry_budget()
    {
        var health = Create();
        health.OnAnswered(throttled: false);

        for (var i = 0; i < 10; i++)
        {
            Assert.False(health.OnConnectionFailure(beforeAnyByte: true));
        }
    }

    [Fact]
    public void Refusals_spread_over_more_than_10_seconds_or_drops_mid_request_do_not_count()
    {
        var health = Create();

        Assert.False(health.OnConnectionFailure(beforeAnyByte: true));
        Assert.False(health.OnConnectionFailure(beforeAnyByte: false));
        Advance(TimeSpan.FromSeconds(11));
        Assert.False(health.OnConnectionFailure(beforeAnyByte: true));
        Assert.False(health.OnConnectionFailure(beforeAnyByte: true));
        Assert.True(health.OnConnectionFailure(beforeAnyByte: true));
    }

    [Fact]
    public void The_outage_runs_from_the_first_failure_through_throttles_until_a_useful_answer()
    {
        var health = Create();
        Assert.Equal(TimeSpan.Zero, health.Outage);

        health.OnAnswered(throttled: false);
        health.OnConnectionFailure(beforeAnyByte: false);
        Advance(TimeSpan.FromSeconds(4));
        health.OnAnswered(throttled: true);
        Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(5), health.Outage);

        health.OnAnswered(throttled: false);
        Assert.Equal(TimeSpan.Zero, health.Outage);
    }
}
