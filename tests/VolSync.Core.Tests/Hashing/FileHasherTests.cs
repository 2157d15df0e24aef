using System.Security.Cryptography;
using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Discovery;
using VolSync.Hashing;

namespace VolSync.Core.Tests.Hashing;

public sealed class FileHasherTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private LocalFile Local(string relative, byte[] content)
    {
        _dir.Write(relative, content);
        return new LocalFile(_dir.Path, relative, content.Length, TempDirectory.OldTime.Ticks);
    }

    [Fact]
    public void Hashes_the_known_vector()
    {
        var file = Local("abc.txt", "abc"u8.ToArray());

        var hashed = FileHasher.HashFile(file);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hashed.Sha256);
        Assert.Equal(3, hashed.Size);
        Assert.Equal(TempDirectory.OldTime.Ticks, hashed.LastWriteUtcTicks);
        Assert.Same(file, hashed.File);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(FileHasher.DefaultBufferSize - 1)]
    [InlineData(FileHasher.DefaultBufferSize)]
    [InlineData(FileHasher.DefaultBufferSize + 1)]
    [InlineData((3 * FileHasher.DefaultBufferSize) + 7)]
    public void Matches_a_one_shot_hash_across_buffer_boundaries_and_reports_every_byte(int size)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        var file = Local("data.bin", content);
        long reported = 0;

        var hashed = FileHasher.HashFile(file, b => reported += b);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), hashed.Sha256);
        Assert.Equal(size, reported);
    }

    [Fact]
    public void Small_buffers_give_the_same_hash()
    {
        var content = new byte[100_003];
        new Random(1).NextBytes(content);
        var file = Local("data.bin", content);

        Assert.Equal(Sha.Hex(content), FileHasher.HashFile(file, bufferSize: 4096).Sha256);
    }

    [Fact]
    public void Records_the_size_and_time_the_file_had_when_read_not_what_discovery_saw()
    {
        var file = Local("grew.txt", "12345"u8.ToArray()) with { Size = 2, LastWriteUtcTicks = 1 };

        var hashed = FileHasher.HashFile(file);

        Assert.Equal(5, hashed.Size);
        Assert.Equal(TempDirectory.OldTime.Ticks, hashed.LastWriteUtcTicks);
    }

    [Fact]
    public async Task Hashes_many_files_in_parallel_each_once_in_the_given_order()
    {
        var files = Enumerable.Range(0, 40).Select(i => Local($"d{i % 3}/f{i}.bin", Enumerable.Repeat((byte)i, (i * 1000) + 1).ToArray())).ToList();
        var hashedOnce = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        var outcomes = await FileHasher.HashAllAsync(files, onFileHashed: o => hashedOnce.AddOrUpdate(o.File.RelativePath, 1, (_, n) => n + 1), maxDegreeOfParallelism: 4);

        Assert.Equal(files.Count, outcomes.Count);
        for (var i = 0; i < files.Count; i++)
        {
            Assert.Same(files[i], outcomes[i].File);
            Assert.Equal(Sha.Hex(File.ReadAllBytes(files[i].FullPath)), outcomes[i].Hashed!.Sha256);
        }

        Assert.All(hashedOnce.Values, n => Assert.Equal(1, n));
        Assert.Equal(files.Count, hashedOnce.Count);
    }

    [Fact]
    public async Task An_unreadable_file_is_a_failure_of_that_file_only()
    {
        var good = Local("good.txt", "good"u8.ToArray());
        var gone = new LocalFile(_dir.Path, "gone.txt", 4, 0);

        var outcomes = await FileHasher.HashAllAsync([gone, good]);

        Assert.Null(outcomes[0].Hashed);
        Assert.Equal(DiagnosticCodes.FileUnreadable.Code, outcomes[0].ErrorCode);
        Assert.Contains("gone.txt", outcomes[0].Error, StringComparison.Ordinal);
        Assert.Equal(Sha.Hex("good"), outcomes[1].Hashed!.Sha256);
    }

    [Fact]
    public async Task Cancellation_throws()
    {
        var file = Local("a.txt", "a"u8.ToArray());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FileHasher.HashAllAsync([file], cancellationToken: cts.Token));
    }
}
