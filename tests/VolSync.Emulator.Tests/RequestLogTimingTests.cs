using VolSync.Emulator.Faults;

namespace VolSync.Emulator.Tests;

/// <summary>
/// A request is in the log by the time its client has the answer (or saw the cut), so tests can count right away.
/// Each case repeats a few hundred times: the log used to be written only once the server's pipeline unwound,
/// which often came after the client had its answer.
/// </summary>
public sealed class RequestLogTimingTests
{
    private const int Rounds = 1000;

    [Fact]
    public async Task A_download_is_logged_with_its_status_once_the_client_has_the_body()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.PutAsync("d.txt", new string('x', 20_000));
        emu.Server.Requests.Clear();

        for (var i = 1; i <= Rounds; i++)
        {
            using var response = await emu.Client.GetAsync(TestEmulator.Files("d.txt"));
            Assert.Equal(20_000, (await response.Content.ReadAsByteArrayAsync()).Length);

            Assert.Equal(i, emu.Server.Requests.Count("GET"));
            Assert.Equal(200, emu.Server.Requests.Snapshot()[^1].Status);
        }
    }

    [Fact]
    public async Task An_error_answer_is_logged_with_its_status_once_the_client_has_it()
    {
        await using var emu = await TestEmulator.StartAsync();

        for (var i = 1; i <= Rounds; i++)
        {
            using var response = await emu.Client.GetAsync(TestEmulator.Files("missing.txt"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(i, emu.Server.Requests.Count("GET"));
            Assert.Equal(404, emu.Server.Requests.Snapshot()[^1].Status);
        }
    }

    [Fact]
    public async Task An_upload_cut_after_its_body_is_logged_as_cut_with_every_byte_once_the_client_saw_the_cut()
    {
        await using var emu = await TestEmulator.StartAsync();
        var payload = new byte[8 * 1024];

        for (var i = 1; i <= Rounds; i++)
        {
            emu.Server.Faults.FailNext(1, FaultKind.DropAfterBody, "PUT");
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => emu.Client.PutAsync(TestEmulator.Files("f.bin"), new ByteArrayContent(payload)));

            Assert.Equal(i, emu.Server.Requests.Count("PUT"));
            var recorded = emu.Server.Requests.Snapshot()[^1];
            Assert.Equal(0, recorded.Status);
            Assert.Equal(payload.Length, recorded.RequestBytes);
        }
    }

    [Fact]
    public async Task A_download_cut_halfway_is_logged_as_cut_once_the_client_saw_the_cut()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.PutAsync("d.txt", new string('x', 100_000));
        emu.Server.Requests.Clear();

        for (var i = 1; i <= Rounds; i++)
        {
            emu.Server.Faults.FailNext(1, FaultKind.Drop, "GET");
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                using var response = await emu.Client.GetAsync(TestEmulator.Files("d.txt"));
                await response.Content.ReadAsByteArrayAsync();
            });

            Assert.Equal(i, emu.Server.Requests.Count("GET"));
            Assert.Equal(0, emu.Server.Requests.Snapshot()[^1].Status);
        }
    }
}
