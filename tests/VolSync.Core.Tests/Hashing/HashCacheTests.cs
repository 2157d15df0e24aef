using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Hashing;

namespace VolSync.Core.Tests.Hashing;

public sealed class HashCacheTests : IDisposable
{
    private static readonly DateTime Now = DateTime.UtcNow;
    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);

    private readonly TempDirectory _root = new();
    private readonly TempDirectory _cacheDir = new();
    private readonly RecordingLogger _logger = new();

    public void Dispose()
    {
        _root.Dispose();
        _cacheDir.Dispose();
    }

    private HashCache Load() => HashCache.Load(_root.Path, _cacheDir.Path, _logger);

    [Fact]
    public void Is_stored_outside_the_root_named_after_the_sha256_of_the_normalised_root()
    {
        var expectedName = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(HashCache.NormalizeRoot(_root.Path)))) + ".json";

        Assert.Equal(Path.Combine(_cacheDir.Path, expectedName), HashCache.PathFor(_root.Path, _cacheDir.Path));
        Assert.Equal(HashCache.PathFor(_root.Path, _cacheDir.Path), HashCache.PathFor(_root.Path + Path.DirectorySeparatorChar, _cacheDir.Path));
        Assert.StartsWith(HashCache.DefaultDirectory, HashCache.PathFor(_root.Path, null), StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("volsync", "hash-cache"), HashCache.DefaultDirectory, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trips_entries_keyed_by_path_size_and_time()
    {
        var a = _root.Write("a.txt", "a");
        var cache = Load();
        cache.Set(a, 1, TempDirectory.OldTime.Ticks, HashA, Now);
        cache.Save(_logger);

        var reloaded = Load();

        Assert.True(reloaded.TryGet(a, 1, TempDirectory.OldTime.Ticks, out var hash));
        Assert.Equal(HashA, hash);
        Assert.False(reloaded.TryGet(a, 2, TempDirectory.OldTime.Ticks, out _));
        Assert.False(reloaded.TryGet(a, 1, TempDirectory.OldTime.Ticks + 1, out _));
        Assert.False(reloaded.TryGet(_root.Combine("other.txt"), 1, TempDirectory.OldTime.Ticks, out _));
    }

    [Fact]
    public void The_file_carries_a_format_marker_and_version_and_no_temporary_files_remain()
    {
        var a = _root.Write("a.txt", "a");
        var cache = Load();
        cache.Set(a, 1, TempDirectory.OldTime.Ticks, HashA, Now);
        cache.Save(_logger);

        using var json = JsonDocument.Parse(File.ReadAllBytes(cache.FilePath));
        Assert.Equal(HashCache.FormatMarker, json.RootElement.GetProperty("format").GetString());
        Assert.Equal(HashCache.FormatVersion, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal([cache.FilePath], Directory.GetFiles(_cacheDir.Path));
        Assert.Empty(Directory.GetFiles(_root.Path, "*.json", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"format\":\"something-else\",\"version\":1,\"root\":\"/x\",\"entries\":{}}")]
    [InlineData("{\"format\":\"volsync-hash-cache\",\"version\":99,\"entries\":{}}")]
    [InlineData("{\"format\":\"volsync-hash-cache\",\"version\":1,\"root\":\"/another/root\",\"entries\":{}}")]
    [InlineData("{\"format\":\"volsync-hash-cache\",\"version\":1,\"root\":\"ROOT\",\"entries\":{\"x\":\"wrong shape\"}}")]
    [InlineData("null")]
    [InlineData("")]
    public void A_corrupt_or_foreign_cache_is_ignored_with_a_debug_line(string content)
    {
        var path = HashCache.PathFor(_root.Path, _cacheDir.Path);
        File.WriteAllText(path, content.Replace("ROOT", HashCache.NormalizeRoot(_root.Path).Replace("\\", "\\\\")));

        var cache = Load();

        Assert.Equal(0, cache.Count);
        var line = Assert.Single(_logger.Lines);
        Assert.Equal(SyncLogLevel.Debug, line.Level);
        Assert.Equal(DiagnosticCodes.HashCacheIgnored.Code, line.Code);
    }

    [Fact]
    public void Entries_with_invalid_hashes_are_dropped_on_load()
    {
        var a = _root.Write("a.txt", "a");
        var root = HashCache.NormalizeRoot(_root.Path);
        var json = JsonSerializer.Serialize(new
        {
            format = HashCache.FormatMarker,
            version = HashCache.FormatVersion,
            root,
            entries = new Dictionary<string, object>
            {
                [a] = new { size = 1, lastWriteUtcTicks = 5, sha256 = "XYZ" },
                [a + "2"] = new { size = 1, lastWriteUtcTicks = 5, sha256 = HashB },
            },
        });
        File.WriteAllText(HashCache.PathFor(_root.Path, _cacheDir.Path), json);

        var cache = Load();

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(a + "2", 1, 5, out var hash));
        Assert.Equal(HashB, hash);
    }

    [Fact]
    public void Entries_of_files_that_no_longer_exist_are_dropped_on_save()
    {
        var a = _root.Write("a.txt", "a");
        var b = _root.Write("b.txt", "b");
        var cache = Load();
        cache.Set(a, 1, TempDirectory.OldTime.Ticks, HashA, Now);
        cache.Set(b, 1, TempDirectory.OldTime.Ticks, HashB, Now);
        cache.Save(_logger);

        File.Delete(b);
        var next = Load();
        next.Save(_logger);

        var reloaded = Load();
        Assert.Equal(1, reloaded.Count);
        Assert.True(reloaded.TryGet(a, 1, TempDirectory.OldTime.Ticks, out _));
    }

    [Fact]
    public void A_file_written_within_the_racy_window_is_not_remembered()
    {
        var a = _root.Write("a.txt", "a");
        var cache = Load();
        cache.Set(a, 1, Now.Ticks - TimeSpan.FromMilliseconds(100).Ticks, HashA, Now);
        cache.Save(_logger);

        Assert.Equal(0, Load().Count);
    }

    [Fact]
    public void A_save_that_cannot_write_logs_a_warning_and_does_not_throw()
    {
        var blocker = _cacheDir.Write("file-not-folder", "x");
        var cache = HashCache.Load(_root.Path, Path.Combine(blocker, "sub"), _logger);
        cache.Set(_root.Write("a.txt", "a"), 1, TempDirectory.OldTime.Ticks, HashA, Now);

        cache.Save(_logger);

        var line = Assert.Single(_logger.Lines);
        Assert.Equal(SyncLogLevel.Warning, line.Level);
        Assert.Equal(DiagnosticCodes.HashCacheNotSaved.Code, line.Code);
    }
}
