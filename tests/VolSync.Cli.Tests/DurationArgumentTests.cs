using VolSync.Cli.Commands;

namespace VolSync.Cli.Tests;

public sealed class DurationArgumentTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("2.5", 2.5)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1m30s", 90)]
    [InlineData("500ms", 0.5)]
    [InlineData(" 2M ", 120)]
    public void Durations_are_seconds_or_parts_with_units(string text, double seconds)
    {
        Assert.True(DurationArgument.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("5 minutes")]
    [InlineData("s")]
    [InlineData("1d")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(DurationArgument.TryParse(text, out _));
    }
}
