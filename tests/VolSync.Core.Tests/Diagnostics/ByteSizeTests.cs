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
}
