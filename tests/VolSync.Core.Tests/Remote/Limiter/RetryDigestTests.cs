using System.Diagnostics;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Limiter;

public class RetryDigestTests
{
    private static RequestRetry Retry(int attempt, bool pauses = false) =>
        new("upload", "/Volumes/c/s/v/a.txt", attempt, TimeSpan.FromSeconds(1.25), "HTTP 429 Too Many Requests", pauses);

    [Fact]
    public void The_first_retry_shows_at_once_then_one_line_a_second_counting_the_others()
    {
        long now = 0;
        var digest = new RetryDigest(() => now);

        Assert.Equal("retrying upload '/Volumes/c/s/v/a.txt' (attempt 2, waiting 1.3 s) after HTTP 429 Too Many Requests", digest.Add(Retry(2)));
        Assert.Null(digest.Add(Retry(2)));
        Assert.Null(digest.Add(Retry(3)));
        now += Stopwatch.Frequency;

        Assert.EndsWith("(attempt 4, waiting 1.3 s) after HTTP 429 Too Many Requests (and 2 other retries since the last notice)", digest.Add(Retry(4)));
    }

    [Fact]
    public void A_pause_of_the_whole_host_always_shows()
    {
        long now = 0;
        var digest = new RetryDigest(() => now);
        digest.Add(Retry(2));

        var line = digest.Add(Retry(2, pauses: true));

        Assert.NotNull(line);
        Assert.Contains("every request to the workspace waits as long", line);
    }
}
