using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Settings;

/// <summary>Settings that hosts receive as text: one reading rule for the CLI and MSBuild.</summary>
public sealed class SettingTextTests
{
    [Theory]
    [InlineData(null, 5)]
    [InlineData("", 5)]
    [InlineData(" 7 ", 7)]
    [InlineData("0", 0)] // a number: the range is SyncConfig.Validate's rule, not the reader's
    public void Counts_read_as_numbers_or_the_default(string? text, int expected)
    {
        var reader = new SettingText();

        Assert.Equal(expected, reader.MaxConcurrentUploads(text));
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void A_count_that_is_not_a_number_has_the_range_code_and_names_the_setting()
    {
        var reader = new SettingText(new SettingNames { MaxConcurrentUploads = "--max-concurrent", HashLength = "--hash-length" });

        reader.MaxConcurrentUploads("many");
        reader.HashLength("1.5");

        Assert.Equal([DiagnosticCodes.MaxConcurrentUploadsOutOfRange.Code, DiagnosticCodes.HashLengthOutOfRange.Code], reader.Problems.Select(p => p.Code));
        Assert.Contains("--max-concurrent is 'many'", reader.Problems[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("500ms", 0.5)]
    public void Durations_read_with_units(string text, double seconds)
    {
        var reader = new SettingText();

        Assert.Equal(TimeSpan.FromSeconds(seconds), reader.RetryBudget(text));
        Assert.Empty(reader.Problems);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("5x")]
    [InlineData("m")]
    public void A_bad_duration_is_VOLSYNC2203(string text)
    {
        var reader = new SettingText();

        Assert.Null(reader.RetryBudget(text));

        Assert.Equal("VOLSYNC2203", Assert.Single(reader.Problems).Code);
    }

    [Fact]
    public void Zero_and_empty_mean_the_default_budget()
    {
        var reader = new SettingText();

        Assert.Null(reader.RetryBudget("0"));
        Assert.Null(reader.RetryBudget(""));
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void Plain_seconds_only_for_the_former_seconds_property()
    {
        var reader = new SettingText();

        Assert.Null(reader.RetryBudget("5m", plainSeconds: true));
        Assert.Equal(TimeSpan.FromSeconds(30), reader.RetryBudget("30", plainSeconds: true));
        Assert.Single(reader.Problems);
    }
}
