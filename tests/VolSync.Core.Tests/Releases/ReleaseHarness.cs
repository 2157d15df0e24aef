using VolSync.Core.Tests.Remote.Contract;
using VolSync.Core.Tests.TestSupport;
using VolSync.Emulator;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Core.Tests.Releases;

/// <summary>
/// The engine with the real client against an in-process emulator over HTTP, a local folder to sync and a private
/// hash cache, for release tests. The remote root is <c>/Volumes/main/default/vol/app</c>.
/// </summary>
internal sealed class ReleaseHarness : IAsyncDisposable
{
    public const string Root = ClientAgainstEmulator.Volume + "/app";

    private ReleaseHarness(ClientAgainstEmulator emulator)
    {
        Emulator = emulator;
        Sync = new VolumeSync(emulator.Client, Logger);
    }

    public ClientAgainstEmulator Emulator { get; }

    public TempDirectory Local { get; } = new();

    public TempDirectory Cache { get; } = new();

    public RecordingLogger Logger { get; } = new();

    public VolumeSync Sync { get; }

    public RequestLog Requests => Emulator.Requests;

    public VolumeLocation Location { get; } = VolumeLocation.Resolve(Root, null, null, null);

    /// <summary>A fixed source, so runs do not depend on the machine's git or CI variables.</summary>
    public static ReleaseSource Source { get; } = new() { Project = "App", Configuration = "Release", Commit = "0123456789abcdef0123456789abcdef01234567" };

    public static async Task<ReleaseHarness> StartAsync() => new(await ClientAgainstEmulator.StartAsync());

    public SyncConfig Config(NamingMode naming = NamingMode.Hashed, bool force = false, bool dryRun = false) => new()
    {
        LocalPath = Local.Path,
        VolumePath = Root,
        HashCacheDirectory = Cache.Path,
        Naming = naming,
        ForceUpload = force,
        DryRun = dryRun,
        Source = Source,
    };

    public Task<SyncResult> RunAsync(NamingMode naming = NamingMode.Hashed, bool force = false, bool dryRun = false) =>
        Sync.SyncAsync(Config(naming, force, dryRun));

    /// <summary>Where the emulator keeps a remote path on disk (what a cluster sees under /Volumes through FUSE).</summary>
    public string DiskPath(string remotePath) => Emulator.DiskPath(remotePath);

    public string[] ManifestFilesOnDisk()
    {
        var folder = DiskPath(ReleaseLayout.ReleasesDirectory(Root));
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];
    }

    /// <summary>PUTs of user files, i.e. not of VolSync's own .volsync/ folder.</summary>
    public int UserFilePuts() =>
        Requests.Snapshot().Count(r => r.Method == "PUT" && r.Path.StartsWith("/api/2.0/fs/files/", StringComparison.Ordinal) && !r.Path.Contains("/.volsync/", StringComparison.Ordinal));

    public int ManifestPuts() =>
        Requests.Snapshot().Count(r => r.Method == "PUT" && r.Path.Contains("/.volsync/", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Local.Dispose();
        Cache.Dispose();
    }
}
