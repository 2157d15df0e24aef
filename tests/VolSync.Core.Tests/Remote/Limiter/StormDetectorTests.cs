using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Limiter;

public class StormDetectorTests
{
    [Fact]
    public void A_lone_429_among_answers_is_no_storm()
    {
        var detector = new StormDetector();
        for (var i = 0; i < 100; i++)
        {
            Assert.False(detector.Record(tooManyRequests: i % 10 == 0));
        }
    }

    [Fact]
    public void Three_quarters_of_the_last_16_answers_being_429_is_a_storm_and_the_count_starts_over()
    {
        var detector = new StormDetector();
        for (var i = 0; i < 4; i++)
        {
            Assert.False(detector.Record(tooManyRequests: false));
        }

        for (var i = 0; i < 11; i++)
        {
            Assert.False(detector.Record(tooManyRequests: true));
        }

        Assert.True(detector.Record(tooManyRequests: true));
        // After a storm the record is empty: the next 429s must make a new one.
        Assert.False(detector.Record(tooManyRequests: true));
    }
}
