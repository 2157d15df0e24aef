namespace VolSync;

/// <summary>
/// How a host spells each setting, so the one message of a condition names what the user wrote: the library's
/// property names by default, <c>--hash-length</c> on the command line, <c>VolSyncHashLength</c> in MSBuild.
/// The codes do not depend on it: the same mistake has the same code in every host.
/// </summary>
public sealed record SettingNames
{
    /// <summary>The names of <see cref="SyncConfig"/>'s properties.</summary>
    public static SettingNames Library { get; } = new();

    public string LocalPath { get; init; } = nameof(SyncConfig.LocalPath);

    public string VolumePath { get; init; } = nameof(SyncConfig.VolumePath);

    public string Catalog { get; init; } = nameof(SyncConfig.Catalog);

    public string Schema { get; init; } = nameof(SyncConfig.Schema);

    public string Volume { get; init; } = nameof(SyncConfig.Volume);

    public string RemotePath { get; init; } = nameof(SyncConfig.RemotePath);

    public string Patterns { get; init; } = nameof(SyncConfig.Patterns);

    public string ExcludePatterns { get; init; } = nameof(SyncConfig.ExcludePatterns);

    public string MaxConcurrentUploads { get; init; } = nameof(SyncConfig.MaxConcurrentUploads);

    public string HashLength { get; init; } = nameof(SyncConfig.HashLength);

    public string HashCacheDirectory { get; init; } = nameof(SyncConfig.HashCacheDirectory);

    public string Force { get; init; } = nameof(SyncConfig.Force);

    public string DryRun { get; init; } = nameof(SyncConfig.DryRun);

    /// <summary>How to turn creating the volume on, for advice: <c>--create-volume</c>, <c>VolSyncCreateVolume=true</c>.</summary>
    public string CreateVolume { get; init; } = nameof(SyncConfig.CreateVolume) + " = true";

    public string RetryBudget { get; init; } = nameof(Remote.ConnectionSettings.RetryBudget);

    public string Naming { get; init; } = nameof(SyncConfig.Naming);

    /// <summary>How many releases prune keeps: <c>--keep</c>, <c>VolSyncKeepReleases</c>.</summary>
    public string KeepReleases { get; init; } = nameof(Releases.PruneOptions.Keep);

    /// <summary>The age below which prune never deletes: <c>--min-age</c>, <c>VolSyncPruneMinAge</c>.</summary>
    public string PruneMinAge { get; init; } = nameof(Releases.PruneOptions.MinAge);
}
