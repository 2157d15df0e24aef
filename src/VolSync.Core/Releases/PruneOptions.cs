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
    public int MaxConcurrentDeletes { get; init; } = SyncDefaults.MaxConcurrentUploads;

    /// <summary>Every problem of these options (one code per condition), named as the host spells them; empty when valid.</summary>
    public IReadOnlyList<Diagnostic> Validate(SettingNames? names = null)
    {
        names ??= SettingNames.Library;
        var problems = new List<Diagnostic>();
        if (Keep < 1)
        {
            problems.Add(DiagnosticCodes.KeepReleasesOutOfRange.Create(names.KeepReleases, Keep));
        }

        if (MinAge < TimeSpan.Zero)
        {
            problems.Add(DiagnosticCodes.MinAgeInvalid.Create(names.PruneMinAge, MinAge.ToString("c", CultureInfo.InvariantCulture), FormatMinAge(DefaultMinAge)));
        }

        if (SyncConfig.CheckMaxConcurrent(MaxConcurrentDeletes, names) is { } concurrencyProblem)
        {
            problems.Add(concurrencyProblem);
        }

        return problems;
    }

    /// <summary>A minimum age as people write it: <c>0</c>, <c>90s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c> (what <see cref="SettingText.MinAge"/> reads).</summary>
    public static string FormatMinAge(TimeSpan age) => age switch
    {
        { TotalSeconds: 0 } => "0",
        { TotalDays: >= 1 } when age.TotalDays == Math.Floor(age.TotalDays) => string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0}d"),
        { TotalHours: >= 1 } when age.TotalHours == Math.Floor(age.TotalHours) => string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0}h"),
        { TotalMinutes: >= 1 } when age.TotalMinutes == Math.Floor(age.TotalMinutes) => string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0.###}s"),
    };
}
