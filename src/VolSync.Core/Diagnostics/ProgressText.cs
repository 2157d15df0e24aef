using System.Globalization;

namespace VolSync.Diagnostics;

/// <summary>
/// The words and figures of progress and summary lines, shared by the CLI (live and plain) and MSBuild so a run
/// reads the same everywhere: counts that agree in number ("1 file", "2 files"), files per second, time left.
/// Sizes and byte rates are <see cref="ByteSize"/>'s.
/// </summary>
internal static class ProgressText
{
    /// <summary><c>1 file</c>, <c>0 files</c>, <c>12 files</c>.</summary>
    public static string Files(int count) => Count(count, "file", "files");

    /// <summary><c>3/10 files</c>, <c>0/1 file</c>: the noun agrees with the total.</summary>
    public static string Files(int done, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{done}/{total} {(total == 1 ? "file" : "files")}");

    public static string Count(int count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");

    /// <summary><c>4.2 files/s</c>, <c>120 files/s</c>, or <c>-</c> while there is no rate yet.</summary>
    public static string FilesPerSecond(double filesPerSecond) =>
        double.IsFinite(filesPerSecond) && filesPerSecond > 0
            ? filesPerSecond.ToString(filesPerSecond < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " files/s"
            : "-";

    /// <summary>Time left, rounded up to whole seconds: <c>7 s</c>, <c>2:05</c>, <c>1:02:05</c>; <c>-</c> when unknown.</summary>
    public static string TimeLeft(TimeSpan? remaining)
    {
        if (remaining is not { } value || value < TimeSpan.Zero || value.TotalDays >= 1)
        {
            return "-";
        }

        var seconds = (long)Math.Ceiling(value.TotalSeconds);
        if (seconds < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds} s");
        }

        var rounded = TimeSpan.FromSeconds(seconds);
        return rounded.ToString(rounded.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }
}
