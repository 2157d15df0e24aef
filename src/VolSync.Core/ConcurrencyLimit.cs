using System.Globalization;

namespace VolSync;

/// <summary>
/// How many requests a host may have in flight (SPEC §10): a fixed number, which is a hard cap that still backs off
/// below itself when the workspace throttles, or <see cref="Auto"/>, which starts at <see cref="AutoInitial"/> and
/// adapts between <see cref="AutoMin"/> and <see cref="AutoMax"/> to find the workspace's limit.
/// Written <c>auto</c> or a number in both hosts (<c>--max-concurrent</c>, <c>VolSyncMaxConcurrentUploads</c>).
/// </summary>
public sealed record ConcurrencyLimit
{
    /// <summary>The default fixed cap, the seed's value (the Databricks CLI also keeps 5 in flight).</summary>
    public const int Default = SyncDefaults.MaxConcurrentUploads;

    /// <summary>Largest fixed cap accepted.</summary>
    public const int FixedMax = SyncDefaults.MaxConcurrentUploadsLimit;

    public const int AutoInitial = 5;

    public const int AutoMin = 1;

    public const int AutoMax = 32;

    private ConcurrencyLimit(bool isAuto, int max)
    {
        IsAuto = isAuto;
        Max = max;
    }

    /// <summary>Adaptive: start at 5, between 1 and 32.</summary>
    public static ConcurrencyLimit Auto { get; } = new(isAuto: true, AutoMax);

    /// <summary>At most <paramref name="max"/> in flight. The range (1–64) is checked where settings are validated.</summary>
    public static ConcurrencyLimit Fixed(int max) => new(isAuto: false, max);

    public bool IsAuto { get; }

    /// <summary>The hard cap: the fixed number, or 32 for auto.</summary>
    public int Max { get; }

    /// <summary>Where the adaptive window starts: the cap itself when fixed, 5 for auto.</summary>
    public int Initial => IsAuto ? AutoInitial : Max;

    /// <summary>True when a fixed cap is within 1–64 (auto always is).</summary>
    public bool IsValid => IsAuto || Max is >= SyncDefaults.MinConcurrentUploads and <= FixedMax;

    /// <summary>Reads <c>auto</c> (any case) or an integer; false for anything else. The range is not checked here.</summary>
    public static bool TryParse(string? text, out ConcurrencyLimit limit)
    {
        var trimmed = text?.Trim();
        if (string.Equals(trimmed, "auto", StringComparison.OrdinalIgnoreCase))
        {
            limit = Auto;
            return true;
        }

        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max))
        {
            limit = Fixed(max);
            return true;
        }

        limit = Fixed(Default);
        return false;
    }

    public override string ToString() => IsAuto ? "auto" : Max.ToString(CultureInfo.InvariantCulture);
}
