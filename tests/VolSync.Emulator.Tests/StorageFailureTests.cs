using System.Text;

namespace VolSync.Emulator.Tests;

/// <summary>Failures behind the API are answered in the API's shape: a cut connection means a network fault to a client.</summary>
public sealed class StorageFailureTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Theory]
    [InlineData(256, "a")]
    [InlineData(128, "é")]
    public async Task A_name_over_255_bytes_is_400_not_a_cut_connection(int repeat, string unit)
    {
        var name = string.Concat(Enumerable.Repeat(unit, repeat));

        using var response = await _emu.Client.PutAsync(TestEmulator.Files(Uri.EscapeDataString(name)), new ByteArrayContent(Encoding.UTF8.GetBytes("payload")));

        var body = await TestEmulator.AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "FILES_API_INVALID_PATH");
        Assert.Contains("256 bytes", body.GetProperty("message").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_emu.VolumeDirectory));
    }

    [Fact]
    public async Task A_name_of_exactly_255_bytes_is_stored()
    {
        var name = new string('a', 251) + ".txt";

        await _emu.PutAsync(name, "payload");

        Assert.Equal("payload", File.ReadAllText(Path.Combine(_emu.VolumeDirectory, name)));
    }

    [Fact]
    public async Task A_path_the_disk_cannot_hold_is_500_in_the_api_shape()
    {
        // Every name is legal, but together they pass the local PATH_MAX (4096 bytes).
        var deep = string.Join('/', Enumerable.Repeat(new string('d', 250), 20)) + "/f.txt";

        using var response = await _emu.Client.PutAsync(TestEmulator.Files(deep), new ByteArrayContent(Encoding.UTF8.GetBytes("payload")));

        await TestEmulator.AssertErrorAsync(response, HttpStatusCode.InternalServerError, "INTERNAL_ERROR");
        Assert.Equal(500, _emu.Server.Requests.Snapshot().Single().Status);
    }

    [Fact]
    public async Task Drop_after_body_reads_everything_then_cuts_without_storing()
    {
        _emu.Server.Faults.FailNext(1, FaultKind.DropAfterBody, "PUT");
        var payload = new byte[300_000];

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _emu.Client.PutAsync(TestEmulator.Files("f.bin"), new ByteArrayContent(payload)));

        var recorded = _emu.Server.Requests.Snapshot().Single();
        Assert.Equal(0, recorded.Status);
        Assert.Equal(payload.Length, recorded.RequestBytes);
        Assert.False(File.Exists(Path.Combine(_emu.VolumeDirectory, "f.bin")));
    }
}
