using System.Globalization;

namespace VolSync.Diagnostics;

/// <summary>
/// Human sizes in binary units (1 KiB = 1024 B), as <c>ls -h</c> and the Databricks UI show them. The one formatter
/// for the engine's log lines, the CLI and MSBuild output, so the same run reads the same everywhere.
/// </summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value < 10 ? "0.0#" : "0.#", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    public static string FormatRate(double bytesPerSecond) =>
        double.IsFinite(bytesPerSecond) && bytesPerSecond > 0 ? Format((long)bytesPerSecond) + "/s" : "-";

    public static string FormatDuration(TimeSpan duration) =>
        duration.TotalSeconds < 60
            ? duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
            : duration.ToString(duration.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
}
