using VolSync.Naming;

namespace VolSync.Core.Tests.TestSupport;

/// <summary>A local folder, a private hash-cache folder, an in-memory volume and a logger for one engine test.</summary>
public sealed class SyncFixture : IDisposable
{
    public const string VolumeRoot = "/Volumes/main/default/apps";

    public TempDirectory Local { get; } = new();

    public TempDirectory Cache { get; } = new();

    public InMemoryVolumeStore Store { get; } = new();

    public RecordingLogger Logger { get; } = new();

    /// <summary>
    /// The clock the hash cache's racy window is judged by. Files written by a test have a status-change time of
    /// "now", so a cache is only written for them when this clock runs ahead (see <see cref="CacheTrustsNewFiles"/>).
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public VolumeSync Sync => new(Store, Logger, Clock);

    /// <summary>Judges the racy window an hour from now, so files the test just wrote are remembered in the cache.</summary>
    public void CacheTrustsNewFiles() => Clock = new ShiftedClock(TimeSpan.FromHours(1));

    public SyncConfig Config(Func<SyncConfig, SyncConfig>? tweak = null)
    {
        var config = new SyncConfig { LocalPath = Local.Path, VolumePath = VolumeRoot, HashCacheDirectory = Cache.Path };
        return tweak is null ? config : tweak(config);
    }

    public Task<SyncResult> RunAsync(Func<SyncConfig, SyncConfig>? tweak = null, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Sync.SyncAsync(Config(tweak), progress, cancellationToken);

    public static string RemotePath(string relative, string content, string root = VolumeRoot)
    {
        var slash = relative.LastIndexOf('/');
        var name = HashedName.Format(relative[(slash + 1)..], Sha.Hex(content), 16);
        return slash < 0 ? $"{root}/{name}" : $"{root}/{relative[..slash]}/{name}";
    }

    public void Dispose()
    {
        Local.Dispose();
        Cache.Dispose();
    }
}

/// <summary>The system clock, moved by a fixed amount.</summary>
public sealed class ShiftedClock(TimeSpan by) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
}
