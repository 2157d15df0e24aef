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

    /// <summary>
    /// Reads a size as people write it: bytes (<c>52428800</c>) or a number with a binary unit, <c>K</c>/<c>KiB</c>,
    /// <c>M</c>/<c>MiB</c>, <c>G</c>/<c>GiB</c>, <c>T</c>/<c>TiB</c> (case-insensitive, optional <c>B</c> and space,
    /// decimals allowed: <c>1.5GiB</c>). <c>MB</c> is read as MiB too, the unit this formatter prints.
    /// </summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var digits = 0;
        while (digits < value.Length && (char.IsAsciiDigit(value[digits]) || value[digits] == '.'))
        {
            digits++;
        }

        var unit = value[digits..].Trim().ToUpperInvariant();
        if (unit.EndsWith('B'))
        {
            unit = unit[..^1];
        }

        if (unit.EndsWith('I'))
        {
            unit = unit[..^1];
        }

        var power = unit switch
        {
            "" => 0,
            "K" => 1,
            "M" => 2,
            "G" => 3,
            "T" => 4,
            _ => -1,
        };
        if (power < 0 || digits == 0 || !decimal.TryParse(value[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var scaled = number;
        for (var i = 0; i < power; i++)
        {
            scaled *= 1024;
            if (scaled > long.MaxValue)
            {
                return false;
            }
        }

        if (scaled != decimal.Truncate(scaled))
        {
            return false;
        }

        bytes = (long)scaled;
        return true;
    }

    public static string FormatRate(double bytesPerSecond) =>
        double.IsFinite(bytesPerSecond) && bytesPerSecond > 0 ? Format((long)bytesPerSecond) + "/s" : "-";

    public static string FormatDuration(TimeSpan duration) =>
        duration.TotalSeconds < 60
            ? duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
            : duration.ToString(duration.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
}
