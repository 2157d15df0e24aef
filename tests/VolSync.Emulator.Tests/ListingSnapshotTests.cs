namespace VolSync.Emulator.Tests;

/// <summary>
/// Issue 12 item 9: a listing pages from one sorted snapshot of the folder. Every page used to re-enumerate, stat
/// and sort the whole folder (200 000 files in one directory took minutes to list).
/// </summary>
public sealed class ListingSnapshotTests : IAsyncDisposable
{
    private TestEmulator? _emu;

    public async ValueTask DisposeAsync()
    {
        if (_emu is not null)
        {
            await _emu.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_listing_of_many_pages_enumerates_the_folder_once()
    {
        var emu = _emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, PageSize = 100 });
        for (var i = 0; i < 1050; i++)
        {
            File.WriteAllText(Path.Combine(emu.VolumeDirectory, $"f{i:0000}.txt"), "x");
        }

        var scansBefore = emu.Server.Files.ListingScans;
        var (names, pages) = await ListAllAsync(emu, between: null);

        Assert.Equal(11, pages);
        Assert.Equal(Enumerable.Range(0, 1050).Select(i => $"f{i:0000}.txt"), names);
        Assert.Equal(1, emu.Server.Files.ListingScans - scansBefore);
    }

    [Fact]
    public async Task Pages_come_from_the_snapshot_of_the_first_page_while_the_folder_changes()
    {
        var emu = _emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, PageSize = 3 });
        for (var i = 0; i < 9; i++)
        {
            File.WriteAllText(Path.Combine(emu.VolumeDirectory, $"f{i}.txt"), "x");
        }

        // After the first page: one listed file goes, one not yet listed goes, and a new one appears.
        var (names, _) = await ListAllAsync(emu, between: page =>
        {
            if (page == 1)
            {
                File.Delete(Path.Combine(emu.VolumeDirectory, "f0.txt"));
                File.Delete(Path.Combine(emu.VolumeDirectory, "f7.txt"));
                File.WriteAllText(Path.Combine(emu.VolumeDirectory, "f5a.txt"), "new");
            }
        });

        Assert.Equal(Enumerable.Range(0, 9).Select(i => $"f{i}.txt"), names);
    }

    [Fact]
    public async Task A_token_whose_snapshot_was_evicted_resumes_after_its_last_name()
    {
        var emu = _emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, PageSize = 2 });
        for (var i = 0; i < 5; i++)
        {
            File.WriteAllText(Path.Combine(emu.VolumeDirectory, $"f{i}.txt"), "x");
        }

        using var first = await emu.Client.GetAsync(TestEmulator.Directories());
        var token = (await TestEmulator.ReadJsonAsync(first)).GetProperty("next_page_token").GetString()!;

        // More listings in progress than the emulator keeps snapshots for.
        for (var i = 0; i <= 16; i++)
        {
            using var other = await emu.Client.GetAsync(TestEmulator.Directories());
        }

        using var next = await emu.Client.GetAsync(TestEmulator.Directories() + "?page_token=" + Uri.EscapeDataString(token));
        var body = await TestEmulator.ReadJsonAsync(next);
        Assert.Equal(["f2.txt", "f3.txt"], body.GetProperty("contents").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    private static async Task<(List<string> Names, int Pages)> ListAllAsync(TestEmulator emu, Action<int>? between)
    {
        var names = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var url = TestEmulator.Directories() + (token is null ? string.Empty : "?page_token=" + Uri.EscapeDataString(token));
            using var response = await emu.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await TestEmulator.ReadJsonAsync(response);
            names.AddRange(body.GetProperty("contents").EnumerateArray().Select(e => e.GetProperty("name").GetString()!));
            token = body.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
            between?.Invoke(pages);
        }
        while (token is not null);

        return (names, pages);
    }
}
