using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Discovery;
using VolSync.Hashing;

namespace VolSync.Core.Tests.Hashing;

public sealed class HashCacheTests : IDisposable
{
    private static readonly Sha256Digest HashA = Sha256Digest.Parse(new string('a', 64));
    private static readonly Sha256Digest HashB = Sha256Digest.Parse(new string('b', 64));
    private static readonly long Old = TempDirectory.OldTime.Ticks;

    private readonly TempDirectory _root = new();
    private readonly TempDirectory _cacheDir = new();
    private readonly RecordingLogger _logger = new();

    public void Dispose()
    {
        _root.Dispose();
        _cacheDir.Dispose();
    }

    private HashCache Cache => HashCache.For(_root.Path, _cacheDir.Path);

    private LocalFile File(string relative, long size = 1, long time = 0, ulong inode = 7, long change = 0) =>
        new(_root.Path, relative, size, time == 0 ? Old : time, new FileChangeStamp(inode, change == 0 ? Old : change));

    private static HashCacheEntry Entry(LocalFile file, Sha256Digest sha) =>
        new(file.RelativePath, file.Size, file.LastWriteUtcTicks, file.Stamp.Inode, file.Stamp.ChangeUtcTicks, sha);

    private void Save(params HashCacheEntry[] known) => Cache.Save(known, [], _logger);

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
    public void An_entry_is_used_only_while_size_time_inode_and_change_time_all_match()
    {
        _root.Write("a.txt", "a");
        var a = File("a.txt");
        Save(Entry(a, HashA));

        var lookup = new Lookup(Cache, _logger);

        Assert.True(lookup.TryGet(a, out var hash));
        Assert.Equal(HashA, hash);
        Assert.False(lookup.TryGet(a with { Size = 2 }, out _));
        Assert.False(lookup.TryGet(a with { LastWriteUtcTicks = Old + 1 }, out _));
        // touch -r / cp -p: the same size and time, but the kernel moved the status-change time.
        Assert.False(lookup.TryGet(a with { Stamp = new FileChangeStamp(7, Old + 1) }, out _));
        // rsync -t / a replaced file: another inode.
        Assert.False(lookup.TryGet(a with { Stamp = new FileChangeStamp(8, Old) }, out _));
        Assert.False(lookup.TryGet(a with { Stamp = FileChangeStamp.Changing }, out _));
        Assert.False(lookup.TryGet(File("other.txt"), out _));
    }

    [Fact]
    public void The_file_is_a_header_line_then_one_json_line_per_entry_in_path_order_and_no_temporary_files_remain()
    {
        _root.Write("a.txt", "a");
        _root.Write("b/c.txt", "c");
        Save(Entry(File("a.txt"), HashA), Entry(File("b/c.txt"), HashB));

        var lines = System.IO.File.ReadAllLines(Cache.FilePath);
        Assert.Equal(3, lines.Length);
        using (var header = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal(HashCache.FormatMarker, header.RootElement.GetProperty("format").GetString());
            Assert.Equal(HashCache.FormatVersion, header.RootElement.GetProperty("version").GetInt32());
        }

        using (var second = JsonDocument.Parse(lines[2]))
        {
            Assert.Equal("b/c.txt", second.RootElement.GetProperty("path").GetString());
            Assert.Equal(new string('b', 64), second.RootElement.GetProperty("sha256").GetString());
            Assert.Equal(7UL, second.RootElement.GetProperty("inode").GetUInt64());
        }

        Assert.Equal([Cache.FilePath, Cache.LockPath], Directory.GetFiles(_cacheDir.Path).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(_root.Path, "*.json", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"format\":\"something-else\",\"version\":2,\"root\":\"ROOT\"}\n")]
    [InlineData("{\"format\":\"volsync-hash-cache\",\"version\":99,\"root\":\"ROOT\"}\n")]
    [InlineData("{\"format\":\"volsync-hash-cache\",\"version\":2,\"root\":\"/another/root\"}\n")]
    [InlineData("{\"format\":\"volsync-hash-cache\",\"version\":2,\"root\":\"ROOT\"}\n\"wrong shape\"\n")]
    [InlineData("null")]
    [InlineData("")]
    public void A_corrupt_or_foreign_cache_is_ignored_with_a_debug_line(string content)
    {
        System.IO.File.WriteAllText(Cache.FilePath, content.Replace("ROOT", HashCache.NormalizeRoot(_root.Path).Replace("\\", "\\\\")));

        var lookup = new Lookup(Cache, _logger);

        Assert.Equal(0, lookup.Count);
        var line = Assert.Single(_logger.Lines);
        Assert.Equal(SyncLogLevel.Debug, line.Level);
        Assert.Equal(DiagnosticCodes.HashCacheIgnored.Code, line.Code);
    }

    [Fact]
    public void A_version_1_cache_keyed_by_size_and_time_only_is_ignored_so_its_entries_cannot_be_stale()
    {
        var json = JsonSerializer.Serialize(new
        {
            format = HashCache.FormatMarker,
            version = 1,
            root = HashCache.NormalizeRoot(_root.Path),
            entries = new Dictionary<string, object> { [_root.Combine("a.txt")] = new { size = 1, lastWriteUtcTicks = Old, sha256 = new string('a', 64) } },
        });
        System.IO.File.WriteAllText(Cache.FilePath, json);

        Assert.Equal(0, new Lookup(Cache, _logger).Count);
        Assert.Contains(_logger.Lines, l => l.Code == DiagnosticCodes.HashCacheIgnored.Code && l.Message.Contains("version 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_read_before_a_bad_line_stay_and_invalid_hashes_end_the_read()
    {
        _root.Write("a.txt", "a");
        Save(Entry(File("a.txt"), HashA));
        System.IO.File.AppendAllText(Cache.FilePath, "{\"path\":\"b.txt\",\"size\":1,\"sha256\":\"XYZ\"}\n");

        var lookup = new Lookup(Cache, _logger);

        Assert.Equal(1, lookup.Count);
        Assert.True(lookup.TryGet(File("a.txt"), out _));
    }

    [Fact]
    public void Entries_of_files_that_no_longer_exist_are_dropped_on_save()
    {
        _root.Write("a.txt", "a");
        var b = _root.Write("b.txt", "b");
        Save(Entry(File("a.txt"), HashA), Entry(File("b.txt"), HashB));

        System.IO.File.Delete(b);
        Save();

        var lookup = new Lookup(Cache, _logger);
        Assert.Equal(1, lookup.Count);
        Assert.True(lookup.TryGet(File("a.txt"), out _));
    }

    [Fact]
    public void Two_saves_from_runs_that_loaded_the_same_cache_keep_both_runs_entries()
    {
        // Issue 12 item 7: the last writer used to win, dropping the other run's entries.
        _root.Write("a.txt", "a");
        _root.Write("b.txt", "b");
        var first = Cache;
        var second = Cache;
        Assert.Equal(0, new Lookup(first, _logger).Count);
        Assert.Equal(0, new Lookup(second, _logger).Count);

        first.Save([Entry(File("a.txt"), HashA)], [], _logger);
        second.Save([Entry(File("b.txt"), HashB)], [], _logger);

        var lookup = new Lookup(Cache, _logger);
        Assert.True(lookup.TryGet(File("a.txt"), out var a));
        Assert.Equal(HashA, a);
        Assert.True(lookup.TryGet(File("b.txt"), out var b));
        Assert.Equal(HashB, b);
    }

    [Fact]
    public void This_runs_entry_wins_over_the_one_on_disk_and_a_wrong_entry_is_forgotten()
    {
        _root.Write("a.txt", "a");
        _root.Write("b.txt", "b");
        Save(Entry(File("a.txt"), HashA), Entry(File("b.txt"), HashA));

        Cache.Save([Entry(File("a.txt", change: Old + 5), HashB)], [Entry(File("b.txt"), HashA)], _logger);

        var lookup = new Lookup(Cache, _logger);
        Assert.Equal(1, lookup.Count);
        Assert.True(lookup.TryGet(File("a.txt", change: Old + 5), out var a));
        Assert.Equal(HashB, a);
        Assert.False(lookup.TryGet(File("b.txt"), out _));
    }

    [Fact]
    public void A_wrong_entry_does_not_remove_another_runs_different_entry_for_the_path()
    {
        _root.Write("b.txt", "b");
        Save(Entry(File("b.txt", change: Old + 9), HashB));

        Cache.Save([], [Entry(File("b.txt"), HashA)], _logger);

        Assert.True(new Lookup(Cache, _logger).TryGet(File("b.txt", change: Old + 9), out _));
    }

    [Fact]
    public void Concurrent_saves_never_lose_an_entry_and_never_leave_a_broken_file()
    {
        for (var i = 0; i < 200; i++)
        {
            _root.Write($"f{i:000}.txt", "x");
        }

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var mine = Enumerable.Range(0, 200).Where(i => i % 8 == worker).Select(i => Entry(File($"f{i:000}.txt"), HashA)).ToList();
            foreach (var chunk in mine.Chunk(5))
            {
                HashCache.For(_root.Path, _cacheDir.Path).Save(chunk, [], NullSyncLogger.Instance);
            }
        });

        var lookup = new Lookup(Cache, _logger);
        Assert.Equal(200, lookup.Count);
        Assert.Empty(_logger.Lines);
    }

    [Fact]
    public void A_file_written_or_changed_within_the_racy_window_is_not_remembered()
    {
        var now = DateTime.UtcNow;
        var hashedOld = new HashedFile(File("a.txt"), HashA, 1, Old);
        var writtenJustNow = new HashedFile(File("a.txt", time: now.Ticks - TimeSpan.FromMilliseconds(100).Ticks), HashA, 1, now.Ticks - TimeSpan.FromMilliseconds(100).Ticks);
        var touchedJustNow = new HashedFile(File("a.txt", change: now.Ticks - TimeSpan.FromMilliseconds(100).Ticks), HashA, 1, Old);
        var changedSinceDiscovery = new HashedFile(File("a.txt"), HashA, 2, Old);

        Assert.NotNull(HashCacheEntry.For(hashedOld, now));
        Assert.Null(HashCacheEntry.For(writtenJustNow, now));
        Assert.Null(HashCacheEntry.For(touchedJustNow, now));
        Assert.Null(HashCacheEntry.For(changedSinceDiscovery, now));
        Assert.Null(HashCacheEntry.For(hashedOld with { File = File("a.txt") with { Stamp = FileChangeStamp.Changing } }, now));
    }

    [Fact]
    public void A_temporary_file_left_by_a_killed_save_is_removed_by_the_next_save()
    {
        _root.Write("a.txt", "a");
        var leftover = Path.Combine(_cacheDir.Path, $".{Path.GetFileName(Cache.FilePath)}.0123456789abcdef0123456789abcdef.tmp");
        System.IO.File.WriteAllText(leftover, "half a cache");

        Save(Entry(File("a.txt"), HashA));

        Assert.False(System.IO.File.Exists(leftover));
        Assert.Equal(1, new Lookup(Cache, _logger).Count);
    }

    [Fact]
    public void A_save_that_cannot_write_logs_a_warning_and_does_not_throw()
    {
        var blocker = _cacheDir.Write("file-not-folder", "x");
        _root.Write("a.txt", "a");
        var cache = HashCache.For(_root.Path, Path.Combine(blocker, "sub"));

        cache.Save([Entry(File("a.txt"), HashA)], [], _logger);

        var line = Assert.Single(_logger.Lines);
        Assert.Equal(SyncLogLevel.Warning, line.Level);
        Assert.Equal(DiagnosticCodes.HashCacheNotSaved.Code, line.Code);
    }

    [Fact]
    public void Matching_reads_the_file_alongside_the_files_in_any_order_and_counts_every_entry()
    {
        var a = File("a.txt");
        var b = File("b/c.txt");
        var d = File("d.txt");
        Save(Entry(a, HashA), Entry(d, HashB));
        var stale = b with { Size = 9 };

        foreach (var files in new[] { new[] { a, b, d }, new[] { d, stale, a } })
        {
            var found = new Dictionary<string, Sha256Digest>();
            var entries = Cache.Match(files, (index, hash) => found.Add(files[index].RelativePath, hash), _logger);

            Assert.Equal(2, entries);
            Assert.Equal(new Dictionary<string, Sha256Digest> { ["a.txt"] = HashA, ["d.txt"] = HashB }, found);
        }
    }

    /// <summary>The cache's answers for one file at a time, and its entry count.</summary>
    private sealed class Lookup(HashCache cache, ISyncLogger logger)
    {
        public int Count => cache.Match([], (_, _) => { }, logger);

        public bool TryGet(LocalFile file, out Sha256Digest hash)
        {
            Sha256Digest? found = null;
            cache.Match([file], (_, h) => found = h, logger);
            hash = found ?? default;
            return found is not null;
        }
    }
}
