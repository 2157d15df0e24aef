using System.Globalization;
using VolSync.Diagnostics;

namespace VolSync.Releases;

/// <summary>What <see cref="VolumeSync.PruneAsync"/> keeps and deletes (SPEC §8).</summary>
public sealed class PruneOptions
{
    /// <summary>The default <see cref="MinAge"/>: a sync still uploading is not older than this.</summary>
    public static readonly TimeSpan DefaultMinAge = TimeSpan.FromHours(1);

    /// <summary>How many of the newest releases to keep (at least 1). The latest release is always kept.</summary>
    public int Keep { get; init; } = 1;

    /// <summary>Files younger than this (by the server's <c>last_modified</c>) are never deleted; zero turns the guard off.</summary>
    public TimeSpan MinAge { get; init; } = DefaultMinAge;

    /// <summary>Also delete files with VolSync hashed names that no kept release references (left by failed runs).</summary>
    public bool Unreferenced { get; init; }

    /// <summary>Plan only; delete nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Deletes in flight at once (1–64).</summary>
    public int MaxConcurrentDeletes { get; init; } = 5;

    internal void Validate()
    {
        if (Keep < 1)
        {
            throw DiagnosticCodes.KeepReleasesOutOfRange.ToException(Keep);
        }

        if (MinAge < TimeSpan.Zero)
        {
            throw DiagnosticCodes.MinAgeInvalid.ToException(MinAge.ToString("c", CultureInfo.InvariantCulture));
        }

        if (MaxConcurrentDeletes is < 1 or > 64)
        {
            throw DiagnosticCodes.MaxConcurrentUploadsOutOfRange.ToException(MaxConcurrentDeletes);
        }
    }

    /// <summary>
    /// Parses a minimum age: <c>0</c>, a number with a unit (<c>90s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c>, or several:
    /// <c>1h30m</c>), or <c>hh:mm:ss</c>. Throws VOLSYNC2402 for anything else, negative values included.
    /// </summary>
    public static TimeSpan ParseMinAge(string? text) =>
        TryParseMinAge(text, out var value) ? value : throw DiagnosticCodes.MinAgeInvalid.ToException(text ?? string.Empty);

    public static bool TryParseMinAge(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        if (s.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(s, ["c", "g"], CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        if (s.All(char.IsAsciiDigit))
        {
            // A bare number is only unambiguous as zero.
            return s.All(c => c == '0');
        }

        var total = TimeSpan.Zero;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || i == s.Length || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            TimeSpan unit;
            switch (s[unitStart..i])
            {
                case "ms":
                    unit = TimeSpan.FromMilliseconds(1);
                    break;
                case "s":
                    unit = TimeSpan.FromSeconds(1);
                    break;
                case "m" or "min":
                    unit = TimeSpan.FromMinutes(1);
                    break;
                case "h":
                    unit = TimeSpan.FromHours(1);
                    break;
                case "d":
                    unit = TimeSpan.FromDays(1);
                    break;
                default:
                    return false;
            }

            total += unit * number;
        }

        value = total;
        return true;
    }

    /// <summary>A minimum age as people write it: <c>0</c>, <c>90s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c> (what <see cref="ParseMinAge"/> reads).</summary>
    public static string FormatMinAge(TimeSpan age) => age switch
    {
        { TotalSeconds: 0 } => "0",
        { TotalDays: >= 1 } when age.TotalDays == Math.Floor(age.TotalDays) => string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0}d"),
        { TotalHours: >= 1 } when age.TotalHours == Math.Floor(age.TotalHours) => string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0}h"),
        { TotalMinutes: >= 1 } when age.TotalMinutes == Math.Floor(age.TotalMinutes) => string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0.###}s"),
    };
}
