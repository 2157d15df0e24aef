using System.Net.Http.Headers;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

public class RetryPolicyTests
{
    private static RetryPolicy Policy(double random) =>
        new(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), () => random);

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(5, 16000)]
    [InlineData(6, 20000)]
    [InlineData(40, 20000)]
    public void Backoff_doubles_up_to_the_cap_with_jitter_between_half_and_all(int failedAttempt, double ceilingMs)
    {
        Assert.Equal(ceilingMs / 2, Policy(0).ComputeDelay(failedAttempt, null).TotalMilliseconds, 3);
        Assert.Equal(ceilingMs, Policy(1).ComputeDelay(failedAttempt, null).TotalMilliseconds, 3);
    }

    [Fact]
    public void Retry_after_is_waited_at_least_even_beyond_the_backoff()
    {
        var delay = Policy(0).ComputeDelay(1, TimeSpan.FromSeconds(7));

        Assert.Equal(7000, delay.TotalMilliseconds, 3);
    }

    [Fact]
    public void Retry_after_gets_a_little_jitter_on_top()
    {
        var delay = Policy(1).ComputeDelay(1, TimeSpan.FromSeconds(2));

        Assert.InRange(delay.TotalMilliseconds, 2000.001, 2250);
    }

    [Fact]
    public void An_absurd_retry_after_is_capped()
    {
        var delay = Policy(0).ComputeDelay(1, TimeSpan.FromHours(3));

        Assert.Equal(RetryPolicy.MaxRetryAfter, delay);
    }

    [Fact]
    public void Budget_check()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        Assert.True(policy.FitsBudget(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6)));
        Assert.False(policy.FitsBudget(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6.5)));
    }

    [Theory]
    [InlineData("3", 3000)]
    [InlineData(" 120 ", 120000)]
    [InlineData("0", 0)]
    public void Retry_after_in_seconds(string value, double expectedMs)
    {
        Assert.Equal(expectedMs, RetryPolicy.ParseRetryAfter(value, DateTimeOffset.UtcNow)!.Value.TotalMilliseconds);
    }

    [Fact]
    public void Retry_after_as_http_date()
    {
        var now = new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(5), RetryPolicy.ParseRetryAfter("Tue, 24 Nov 2026 14:00:05 GMT", now));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.ParseRetryAfter("Tue, 24 Nov 2026 13:59:00 GMT", now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void Invalid_retry_after_is_ignored(string? value)
    {
        Assert.Null(RetryPolicy.ParseRetryAfter(value, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Retry_after_header_values_in_both_forms()
    {
        var now = new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(4), RetryPolicy.ParseRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(4)), now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.ParseRetryAfter(new RetryConditionHeaderValue(now.AddSeconds(30)), now));
        Assert.Null(RetryPolicy.ParseRetryAfter((RetryConditionHeaderValue?)null, now));
    }
}
