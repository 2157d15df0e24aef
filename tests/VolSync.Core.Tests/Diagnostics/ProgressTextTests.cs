using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Diagnostics;

public sealed class ProgressTextTests
{
    [Theory]
    [InlineData(0, "0 files")]
    [InlineData(1, "1 file")]
    [InlineData(2, "2 files")]
    public void Counts_agree_in_number(int count, string expected) => Assert.Equal(expected, ProgressText.Files(count));

    [Theory]
    [InlineData(0, 1, "0/1 file")]
    [InlineData(1, 1, "1/1 file")]
    [InlineData(3, 10, "3/10 files")]
    public void Done_of_total_agrees_with_the_total(int done, int total, string expected) => Assert.Equal(expected, ProgressText.Files(done, total));

    [Theory]
    [InlineData(0, "-")]
    [InlineData(double.PositiveInfinity, "-")]
    [InlineData(4.21, "4.2 files/s")]
    [InlineData(120.4, "120 files/s")]
    public void Files_per_second(double rate, string expected) => Assert.Equal(expected, ProgressText.FilesPerSecond(rate));

    [Theory]
    [InlineData(null, "-")]
    [InlineData(0.2, "1 s")]
    [InlineData(59.0, "59 s")]
    [InlineData(125.0, "2:05")]
    [InlineData(3725.0, "1:02:05")]
    [InlineData(200_000.0, "-")]
    public void Time_left_rounds_up_to_seconds(double? seconds, string expected) =>
        Assert.Equal(expected, ProgressText.TimeLeft(seconds is { } s ? TimeSpan.FromSeconds(s) : null));

    [Fact]
    public void Remaining_goes_by_bytes_when_the_phase_moves_bytes_else_by_files()
    {
        var bytes = new SyncProgress(SyncPhase.Uploading, 1, 4, 100, 400, null, 50, TimeSpan.FromSeconds(2), FilesPerSecond: 0.5, PhaseElapsed: TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(6), bytes.Remaining);

        var folders = new SyncProgress(SyncPhase.Listing, 2, 10, 0, 0, null, 0, TimeSpan.FromSeconds(1), FilesPerSecond: 4, PhaseElapsed: TimeSpan.FromSeconds(0.5));
        Assert.Equal(TimeSpan.FromSeconds(2), folders.Remaining);

        var start = new SyncProgress(SyncPhase.Uploading, 0, 4, 0, 400, null, 0, TimeSpan.Zero);
        Assert.Null(start.Remaining);
    }
}
