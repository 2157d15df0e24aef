using System.Net;
using VolSync.Emulator;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Contract;

/// <summary>The IVolumeFileStore calls releases use, against the emulator's real answers: 404 is an answer, the rest are errors.</summary>
public class FileStoreContractTests
{
    private const string V = ClientAgainstEmulator.Volume;

    [Fact]
    public async Task Missing_files_and_folders_answer_null_or_false_with_one_request_each()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        Assert.Null(await h.Client.TryOpenReadAsync($"{V}/.volsync/latest.json"));
        Assert.False(await h.Client.TryDeleteFileAsync($"{V}/gone.txt"));
        Assert.False(await h.Client.TryDeleteDirectoryAsync($"{V}/no-such-folder"));

        Assert.Equal(3, h.Requests.Count());
        Assert.All(h.Requests.Snapshot(), r => Assert.Equal(404, r.Status));
    }

    [Fact]
    public async Task Reads_and_deletes_escape_paths_like_uploads()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var path = $"{V}/d ir/a b+c#1 ü.txt";
        await h.Client.UploadAsync(path, ClientAgainstEmulator.Content("x"u8.ToArray()), 1, overwrite: true);

        await using (var stream = await h.Client.TryOpenReadAsync(path))
        {
            Assert.NotNull(stream);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal("x"u8.ToArray(), copy.ToArray());
        }

        var notEmpty = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.TryDeleteDirectoryAsync($"{V}/d ir"));
        Assert.Equal(HttpStatusCode.BadRequest, notEmpty.StatusCode);
        Assert.Equal("FILES_API_DIRECTORY_IS_NOT_EMPTY", notEmpty.Reason);
        Assert.True(await h.Client.TryDeleteFileAsync(path));
        Assert.True(await h.Client.TryDeleteDirectoryAsync($"{V}/d ir"));
        Assert.False(File.Exists(h.DiskPath(path)));
        Assert.Contains(h.Requests.Snapshot(), r => r.Method == "DELETE" && r.RawPathAndQuery.Contains("/d%20ir/a%20b%2Bc%231%20%C3%BC.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttled_deletes_are_retried_and_a_server_error_is_not()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        h.Server.Options.RetryAfterSeconds = 0;
        await h.Client.UploadAsync($"{V}/a.txt", ClientAgainstEmulator.Content("a"u8.ToArray()), 1, overwrite: true);
        h.Server.Faults.FailNext(2, FaultKind.Status429, "DELETE");

        Assert.True(await h.Client.TryDeleteFileAsync($"{V}/a.txt"));
        Assert.Equal(3, h.Requests.Count("DELETE"));

        await h.Client.UploadAsync($"{V}/b.txt", ClientAgainstEmulator.Content("b"u8.ToArray()), 1, overwrite: true);
        h.Server.Faults.FailNext(1, FaultKind.Status500, "DELETE");
        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.TryDeleteFileAsync($"{V}/b.txt"));
        Assert.Equal("VOLSYNC1006", ex.Code);
        Assert.True(File.Exists(h.DiskPath($"{V}/b.txt")));
    }
}
