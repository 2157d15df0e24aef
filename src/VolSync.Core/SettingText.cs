using System.Globalization;
using VolSync.Diagnostics;
using VolSync.Naming;

namespace VolSync;

/// <summary>
/// Reads settings that hosts receive as text (MSBuild properties, command-line values) into typed values, one rule
/// for both hosts: an empty text means the default; a text that is not a value gets the same code as a value out of
/// range (<see cref="SyncConfig.Validate"/> checks ranges). Problems collect in <see cref="Problems"/>.
/// </summary>
internal sealed class SettingText
{
    private readonly SettingNames _names;
    private readonly List<Diagnostic> _problems = [];

    public SettingText(SettingNames? names = null)
    {
        _names = names ?? SettingNames.Library;
    }

    /// <summary>What could not be read, in the order the settings were read.</summary>
    public IReadOnlyList<Diagnostic> Problems => _problems;

    /// <summary><see cref="SyncConfig.MaxConcurrentUploads"/> from text; the default when empty.</summary>
    public int MaxConcurrentUploads(string? text) =>
        Integer(text, SyncDefaults.MaxConcurrentUploads, t => DiagnosticCodes.MaxConcurrentUploadsOutOfRange.Create(_names.MaxConcurrentUploads, t, SyncDefaults.MinConcurrentUploads, SyncDefaults.MaxConcurrentUploadsLimit, SyncDefaults.MaxConcurrentUploads));

    /// <summary>
    /// <see cref="SyncConfig.Concurrency"/> from text: <c>auto</c> (any case) or a number (range checked by
    /// <see cref="SyncConfig.Validate"/>); the default fixed cap when empty.
    /// </summary>
    public ConcurrencyLimit Concurrency(string? text) =>
        string.Equals(text?.Trim(), "auto", StringComparison.OrdinalIgnoreCase) ? ConcurrencyLimit.Auto : ConcurrencyLimit.Fixed(MaxConcurrentUploads(text));

    /// <summary><see cref="SyncConfig.HashLength"/> from text; the default when empty.</summary>
    public int HashLength(string? text) =>
        Integer(text, SyncDefaults.HashLength, t => DiagnosticCodes.HashLengthOutOfRange.Create(_names.HashLength, t, SyncDefaults.MinHashLength, SyncDefaults.MaxHashLength, SyncDefaults.HashLength));

    /// <summary>
    /// <see cref="SyncConfig.MultipartThreshold"/> from text: a size (<c>52428800</c>, <c>50MiB</c>, <c>1GiB</c>) or
    /// <c>off</c> (null: every file one PUT); the default when empty. The range is <see cref="SyncConfig.Validate"/>'s.
    /// </summary>
    public long? MultipartThreshold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Remote.UploadOptions.DefaultMultipartThreshold;
        }

        if (Remote.MultipartThreshold.TryParse(text, out var threshold))
        {
            return threshold;
        }

        _problems.Add(DiagnosticCodes.MultipartThresholdInvalid.Create(_names.MultipartThreshold, text.Trim()));
        return Remote.UploadOptions.DefaultMultipartThreshold;
    }

    /// <summary>
    /// <see cref="Remote.ConnectionSettings.RetryBudget"/> from text: <c>90</c> (seconds), <c>90s</c>, <c>5m</c>,
    /// <c>1h</c>, <c>1h30m</c>, <c>500ms</c>; null (the default) when empty or <c>0</c>.
    /// </summary>
    public TimeSpan? RetryBudget(string? text, bool plainSeconds = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!TryParseDuration(text.Trim(), plainSeconds, out var value))
        {
            _problems.Add(DiagnosticCodes.RetryBudgetInvalid.Create(_names.RetryBudget, text.Trim(), DescribeDuration(SyncDefaults.RetryBudget)));
            return null;
        }

        return value == TimeSpan.Zero ? null : value;
    }

    /// <summary><see cref="SyncConfig.Naming"/> from text (<c>hashed</c>, <c>original</c>); hashed when empty.</summary>
    public NamingMode Naming(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return NamingMode.Hashed;
        }

        if (NamingModes.TryParse(text, out var mode))
        {
            return mode;
        }

        _problems.Add(DiagnosticCodes.NamingInvalid.Create(_names.Naming, text.Trim()));
        return NamingMode.Hashed;
    }

    /// <summary><see cref="Releases.PruneOptions.Keep"/> from text; null when empty (<see cref="Releases.PruneOptions.Validate"/> checks the range).</summary>
    public int? KeepReleases(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Integer(text, 0, t => DiagnosticCodes.KeepReleasesOutOfRange.Create(_names.KeepReleases, t));

    /// <summary><see cref="Releases.PruneOptions.MinAge"/> from text (<c>0</c>, <c>90s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c>, a plain number of seconds); the default when empty.</summary>
    public TimeSpan MinAge(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Releases.PruneOptions.DefaultMinAge;
        }

        if (!TryParseDuration(text.Trim(), plainSeconds: false, out var value))
        {
            _problems.Add(DiagnosticCodes.MinAgeInvalid.Create(_names.PruneMinAge, text.Trim(), Releases.PruneOptions.FormatMinAge(Releases.PruneOptions.DefaultMinAge)));
            return Releases.PruneOptions.DefaultMinAge;
        }

        return value;
    }

    /// <summary>
    /// A duration: a number with a unit (<c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>), several joined
    /// (<c>1h30m</c>), or a plain number of seconds. Negative durations are not durations.
    /// </summary>
    public static bool TryParseDuration(string text, bool plainSeconds, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = TimeSpan.Zero;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        if (plainSeconds || text.Length == 0)
        {
            return false;
        }

        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            if (start == unitStart || !double.TryParse(text.AsSpan(start, unitStart - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            TimeSpan? part = text[unitStart..i].ToLowerInvariant() switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" or "min" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (part is null)
            {
                return false;
            }

            value += part.Value;
        }

        return true;
    }

    /// <summary>A duration as people write it: <c>90 s</c>, <c>5 min</c>.</summary>
    public static string DescribeDuration(TimeSpan duration) =>
        duration.TotalMinutes >= 1 && duration.Seconds == 0
            ? duration.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
            : duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private int Integer(string? text, int fallback, Func<string, Diagnostic> invalid)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _problems.Add(invalid(text.Trim()));
        return fallback;
    }
}
