using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Diagnostics;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KiB")]
    [InlineData(84_070, "82.1 KiB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5.0 GiB")]
    [InlineData(123L * 1024 * 1024, "123 MiB")]
    public void Sizes_use_binary_units(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));

    [Theory]
    [InlineData(0, "-")]
    [InlineData(double.NaN, "-")]
    [InlineData(8.5 * 1024 * 1024, "8.5 MiB/s")]
    public void Rates_are_per_second_or_a_dash_when_unknown(double bytesPerSecond, string expected) => Assert.Equal(expected, ByteSize.FormatRate(bytesPerSecond));

    [Theory]
    [InlineData("52428800", 52_428_800)]
    [InlineData("50MiB", 52_428_800)]
    [InlineData("50 MiB", 52_428_800)]
    [InlineData("50m", 52_428_800)]
    [InlineData("50MB", 52_428_800)]
    [InlineData("1.5GiB", 1_610_612_736)]
    [InlineData("64K", 65_536)]
    [InlineData("0B", 0)]
    [InlineData(" 2 TiB ", 2_199_023_255_552)]
    public void Sizes_are_read_in_bytes_or_binary_units(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MiB")]
    [InlineData("-5MiB")]
    [InlineData("5 PiB")]
    [InlineData("1.5")]
    [InlineData("0.1K")]
    [InlineData("99999999999T")]
    [InlineData("5MiBs")]
    public void Anything_else_is_not_a_size(string text) => Assert.False(ByteSize.TryParse(text, out _));
}
