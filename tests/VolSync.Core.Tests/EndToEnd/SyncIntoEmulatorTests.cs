using System.Security.Cryptography;
using VolSync.Core.Tests.Remote.Contract;

namespace VolSync.Core.Tests.EndToEnd;

/// <summary>The engine with the real Databricks client against the emulator over HTTP.</summary>
public sealed class SyncIntoEmulatorTests : IDisposable
{
    private readonly string _local = Path.Combine(Path.GetTempPath(), "volsync-e2e", Guid.NewGuid().ToString("N"));
    private readonly string _cache;
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal)
    {
        ["app.dll"] = RandomNumberGenerator.GetBytes(50_000),
        ["app.deps.json"] = "{\"runtimeTarget\":{}}"u8.ToArray(),
        ["empty.txt"] = [],
        ["runtimes/linux-x64/native/lib a+b#1.so"] = RandomNumberGenerator.GetBytes(3_000),
        ["wwwroot/ünïcødé/100%.css"] = "body{}"u8.ToArray(),
        ["wwwroot/js/site.js"] = RandomNumberGenerator.GetBytes(1_234),
    };

    public SyncIntoEmulatorTests()
    {
        _cache = _local + "-cache";
        foreach (var (relative, bytes) in _files)
        {
            var path = Path.Combine(_local, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
    }

    private SyncConfig Config(bool useCache = true) => new()
    {
        LocalPath = _local,
        VolumePath = ClientAgainstEmulator.Volume + "/releases/1.0",
        HashCacheDirectory = _cache,
        UseHashCache = useCache,
    };

    [Fact]
    public async Task First_sync_uploads_everything_byte_exact_and_second_sync_only_lists()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var sync = new VolumeSync(h.Client);

        var first = await sync.SyncAsync(Config());

        Assert.True(first.Succeeded, string.Join("\n", first.Files.Select(f => f.Error)));
        Assert.Equal(_files.Count, first.SuccessCount);
        foreach (var file in first.Files)
        {
            Assert.StartsWith(ClientAgainstEmulator.Volume + "/releases/1.0/", file.RemotePath);
            Assert.Equal(_files[file.RelativePath], await File.ReadAllBytesAsync(h.DiskPath(file.RemotePath)));
        }

        // Every file, then the release manifest and latest.json (SPEC §8).
        Assert.Equal(_files.Count + 2, h.Requests.Count("PUT", "/api/2.0/fs/files/"));
        Assert.Equal(2, h.Requests.Count("PUT", "/api/2.0/fs/files" + ClientAgainstEmulator.Volume + "/releases/1.0/.volsync/"));
        h.Requests.Clear();

        var second = await sync.SyncAsync(Config());

        Assert.True(second.Succeeded);
        Assert.Equal(_files.Count, second.SkipCount);
        Assert.Equal(0, second.SuccessCount);
        var requests = h.Requests.Snapshot();
        Assert.NotEmpty(requests);
        Assert.Equal(0, h.Requests.Count("PUT"));
        // Listings, plus the one GET of latest.json that tells the file set is unchanged.
        Assert.All(requests, r =>
        {
            Assert.Equal("GET", r.Method);
            Assert.Equal(200, r.Status);
        });
        var download = Assert.Single(requests, r => !r.Path.StartsWith("/api/2.0/fs/directories/", StringComparison.Ordinal));
        Assert.Equal("/api/2.0/fs/files" + ClientAgainstEmulator.Volume + "/releases/1.0/.volsync/latest.json", download.Path);
    }

    [Fact]
    public async Task Changing_one_file_uploads_only_that_file()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var sync = new VolumeSync(h.Client);
        Assert.True((await sync.SyncAsync(Config())).Succeeded);
        var changed = RandomNumberGenerator.GetBytes(777);
        await File.WriteAllBytesAsync(Path.Combine(_local, "wwwroot", "js", "site.js"), changed);
        h.Requests.Clear();

        var result = await sync.SyncAsync(Config(useCache: false));

        var uploaded = Assert.Single(result.Files, f => f.Outcome == FileOutcome.Uploaded);
        Assert.Equal("wwwroot/js/site.js", uploaded.RelativePath);
        Assert.Equal(changed, await File.ReadAllBytesAsync(h.DiskPath(uploaded.RemotePath)));
        Assert.Equal(1, h.Requests.Count("PUT", "/api/2.0/fs/files" + ClientAgainstEmulator.Volume + "/releases/1.0/wwwroot/"));
        Assert.Equal(3, h.Requests.Count("PUT"));
        Assert.True(result.ReleaseCreated);
    }

    [Fact]
    public async Task Sync_under_injected_faults_completes_intact()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(seed: 7);
        h.Server.Options.RetryAfterSeconds = 0;
        h.Server.Options.Rate429 = 0.15;
        h.Server.Options.Rate503 = 0.1;
        h.Server.Options.RateDrop = 0.1;
        var sync = new VolumeSync(h.Client);

        var result = await sync.SyncAsync(Config());

        h.Server.Options.Rate429 = h.Server.Options.Rate503 = h.Server.Options.RateDrop = 0;
        Assert.Contains(h.Requests.Snapshot(), r => r.Status is 429 or 503 or 0);
        Assert.True(result.Succeeded, string.Join("\n", result.Files.Select(f => f.Error)));
        foreach (var file in result.Files)
        {
            Assert.Equal(_files[file.RelativePath], await File.ReadAllBytesAsync(h.DiskPath(file.RemotePath)));
        }
    }

    public void Dispose()
    {
        foreach (var dir in new[] { _local, _cache })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Leftover temp files are harmless.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
