using System.Security.Cryptography;
using VolSync.Diagnostics;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Contract;

public class UploadContractTests
{
    private const string V = ClientAgainstEmulator.Volume;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(81920)]
    [InlineData(1_000_003)]
    public async Task Uploads_land_byte_exact_with_one_put_and_nothing_else(int size)
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var bytes = RandomNumberGenerator.GetBytes(size);

        await h.Client.UploadAsync($"{V}/deep/er/file.bin", ClientAgainstEmulator.Content(bytes), size, overwrite: false);

        // No parent HEAD or mkdir, no per-file HEAD: exactly one request.
        var only = Assert.Single(h.Requests.Snapshot());
        Assert.Equal("PUT", only.Method);
        Assert.Equal("/api/2.0/fs/files/Volumes/main/default/vol/deep/er/file.bin?overwrite=false", only.RawPathAndQuery);
        Assert.Equal(size, only.RequestBytes);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(h.DiskPath($"{V}/deep/er/file.bin")));
        Assert.Equal(bytes, await h.DownloadAsync($"{V}/deep/er/file.bin"));
    }

    [Theory]
    [InlineData("a b.txt")]
    [InlineData("a+b.txt")]
    [InlineData("a#b.txt")]
    [InlineData("a?b=c.txt")]
    [InlineData("100%.txt")]
    [InlineData("a%2Bb")]
    [InlineData("a%20b")]
    [InlineData("x&y;z,w.txt")]
    [InlineData("it's (1)!*~$@.txt")]
    [InlineData("ünïcødé-日本-😀.txt")]
    [InlineData("dir with space/na me#1.txt")]
    public async Task Tricky_names_round_trip_byte_exact(string relative)
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var remote = $"{V}/tricky/{relative}";
        var bytes = RandomNumberGenerator.GetBytes(37);

        await h.Client.UploadAsync(remote, ClientAgainstEmulator.Content(bytes), bytes.Length, overwrite: false);

        var request = Assert.Single(h.Requests.Snapshot());
        Assert.Equal("/api/2.0/fs/files" + PathEscaper.EscapePath(remote) + "?overwrite=false", request.RawPathAndQuery);
        Assert.Equal("/api/2.0/fs/files" + remote, request.Path);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(h.DiskPath(remote)));
        Assert.Equal(bytes, await h.DownloadAsync(remote));
        var parent = remote[..remote.LastIndexOf('/')];
        var entry = Assert.Single(await h.Client.ListDirectoryAsync(parent).ToListAsync());
        Assert.Equal(remote, entry.Path);
        Assert.Equal(remote[(remote.LastIndexOf('/') + 1)..], entry.Name);
        Assert.Equal(37, entry.FileSize);
    }

    [Fact]
    public async Task Overwrite_true_replaces_and_overwrite_false_refuses_with_409()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var path = $"{V}/f.txt";
        await h.Client.UploadAsync(path, ClientAgainstEmulator.Content("one"u8.ToArray()), 3, overwrite: false);
        await h.Client.UploadAsync(path, ClientAgainstEmulator.Content("second"u8.ToArray()), 6, overwrite: true);

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.UploadAsync(path, ClientAgainstEmulator.Content("third"u8.ToArray()), 5, overwrite: false));

        Assert.Equal("VOLSYNC1004", ex.Code);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal("upload", ex.Operation);
        Assert.Equal(path, ex.Path);
        Assert.Contains(path, ex.Message);
        Assert.Equal("second"u8.ToArray(), await File.ReadAllBytesAsync(h.DiskPath(path)));
    }

    [Fact]
    public async Task Metadata_download_delete_and_directories()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var path = $"{V}/d/x.bin";
        await h.Client.UploadAsync(path, ClientAgainstEmulator.Content([5, 6, 7, 8]), 4, overwrite: true);

        var metadata = await h.Client.GetFileMetadataAsync(path);
        Assert.NotNull(metadata);
        Assert.Equal(4, metadata.Length);
        Assert.NotNull(metadata.LastModified);
        Assert.Null(await h.Client.GetFileMetadataAsync($"{V}/d/missing.bin"));

        var notEmpty = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.DeleteDirectoryAsync($"{V}/d"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, notEmpty.StatusCode);

        await h.Client.DeleteFileAsync(path);
        Assert.False(File.Exists(h.DiskPath(path)));
        var gone = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.DeleteFileAsync(path));
        Assert.Equal("VOLSYNC1003", gone.Code);
        var missingDownload = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.OpenReadAsync(path));
        Assert.Equal("download", missingDownload.Operation);

        await h.Client.DeleteDirectoryAsync($"{V}/d");
        Assert.False(Directory.Exists(h.DiskPath($"{V}/d")));

        await h.Client.CreateDirectoryAsync($"{V}/p/q/r");
        await h.Client.CreateDirectoryAsync($"{V}/p/q/r");
        Assert.True(Directory.Exists(h.DiskPath($"{V}/p/q/r")));
    }

    [Fact]
    public async Task Files_over_5_GiB_are_refused_before_any_request()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => h.Client.UploadAsync($"{V}/huge.iso", ClientAgainstEmulator.Content([]), DatabricksClient.MaxSinglePutBytes + 1, overwrite: true));

        Assert.Equal("VOLSYNC2050", ex.Code);
        Assert.Equal(0, h.Requests.Count());
    }

    [Theory]
    [InlineData("f", 256, "")]
    [InlineData("dir", 256, "/f.txt")]
    [InlineData("é", 128, ".txt")]
    public async Task Names_over_255_bytes_are_refused_before_any_request(string unit, int repeat, string suffix)
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var path = $"{V}/{string.Concat(Enumerable.Repeat(unit, repeat))}{suffix}";

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => h.Client.UploadAsync(path, ClientAgainstEmulator.Content([1]), 1, overwrite: true));

        Assert.Equal("VOLSYNC2060", ex.Code);
        Assert.Contains("255 bytes", ex.Message);
        Assert.Equal(0, h.Requests.Count());
    }

    [Fact]
    public async Task A_name_of_exactly_255_bytes_uploads()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var path = $"{V}/{new string('n', 251)}.txt";

        await h.Client.UploadAsync(path, ClientAgainstEmulator.Content([7]), 1, overwrite: true);

        Assert.Equal([7], await File.ReadAllBytesAsync(h.DiskPath(path)));
    }

    internal static async Task WritePatternFileAsync(string path, long size)
    {
        var chunk = RandomNumberGenerator.GetBytes(1024 * 1024);
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        for (long written = 0; written < size; written += chunk.Length)
        {
            chunk[0] = (byte)(written >> 20);
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - written)));
        }
    }

    internal static async Task<string> HashFileAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream));
    }
}
