namespace VolSync.Emulator.Tests;

/// <summary>The empty-page fault: list calls answer pages with no items and a token that resumes where they were.</summary>
public sealed class EmptyPagesTests
{
    [Fact]
    public async Task Scripted_empty_directory_pages_carry_a_fresh_token_and_lose_no_entry()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, PageSize = 3 });
        for (var i = 0; i < 7; i++)
        {
            File.WriteAllText(Path.Combine(emu.VolumeDirectory, $"f{i}.txt"), "x");
        }

        // The first two requests get empty pages, and so does the one after the first full page.
        emu.Server.Faults.FailNext(2, FaultKind.EmptyPage, "GET", "/api/2.0/fs/directories");
        var pages = await WalkAsync(emu, TestEmulator.Directories(), "contents", afterPage: page =>
        {
            if (page == 3)
            {
                emu.Server.Faults.FailNext(1, FaultKind.EmptyPage, "GET", "/api/2.0/fs/directories");
            }
        });

        Assert.Equal([0, 0, 3, 0, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"f{i}.txt"), pages.SelectMany(p => p.Items));
        var tokens = pages.Select(p => p.Token).Where(t => t is not null).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Null(pages[^1].Token);
    }

    [Fact]
    public async Task Empty_pages_leave_the_items_field_out_as_proto_json_does()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.PutAsync("a.txt", "a");
        emu.Server.Faults.FailNext(1, FaultKind.EmptyPage, "GET", "/api/2.0/fs/directories");
        emu.Server.Faults.FailNext(1, FaultKind.EmptyPage, "GET", "/api/2.1/unity-catalog/volumes");

        using var directory = await emu.Client.GetAsync(TestEmulator.Directories());
        using var volumes = await emu.Client.GetAsync("/api/2.1/unity-catalog/volumes?catalog_name=main&schema_name=default");

        var directoryBody = await TestEmulator.ReadJsonAsync(directory);
        Assert.False(directoryBody.TryGetProperty("contents", out _));
        Assert.False(string.IsNullOrEmpty(directoryBody.GetProperty("next_page_token").GetString()));
        var volumesBody = await TestEmulator.ReadJsonAsync(volumes);
        Assert.False(volumesBody.TryGetProperty("volumes", out _));
        Assert.False(string.IsNullOrEmpty(volumesBody.GetProperty("next_page_token").GetString()));
    }

    [Fact]
    public async Task Random_empty_pages_in_unity_catalog_lists_keep_every_volume_in_order()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, Seed = 3, EmptyPages = 0.5 }, createVolume: false);
        var names = Enumerable.Range(0, 9).Select(i => $"v{i}").ToList();
        foreach (var name in names)
        {
            (await emu.CreateVolumeAsync(name)).Dispose();
        }

        var pages = await WalkAsync(emu, "/api/2.1/unity-catalog/volumes?catalog_name=main&schema_name=default&max_results=2", "volumes");

        Assert.Equal(names, pages.SelectMany(p => p.Items));
        Assert.Contains(pages, p => p.Items.Count == 0 && p.Token is not null);
        Assert.True(pages.Count > 5, "nine volumes at two per page take five pages, plus the empty ones");
    }

    [Fact]
    public async Task A_missing_directory_is_still_404_when_an_empty_page_is_due()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Options.EmptyPages = 1;

        using var response = await emu.Client.GetAsync(TestEmulator.Directories("nope"));

        await TestEmulator.AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Empty_pages_do_not_touch_other_requests()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Options.EmptyPages = 1;

        await emu.PutAsync("a.txt", "abc");
        using var get = await emu.Client.GetAsync(TestEmulator.Files("a.txt"));

        Assert.Equal("abc", await get.Content.ReadAsStringAsync());
    }

    private static async Task<List<(List<string> Items, string? Token)>> WalkAsync(TestEmulator emu, string url, string itemsField, Action<int>? afterPage = null)
    {
        var pages = new List<(List<string> Items, string? Token)>();
        string? token = null;
        do
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            using var response = await emu.Client.GetAsync(url + (token is null ? string.Empty : separator + "page_token=" + Uri.EscapeDataString(token)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await TestEmulator.ReadJsonAsync(response);
            var items = body.TryGetProperty(itemsField, out var array)
                ? array.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList()
                : [];
            token = body.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages.Add((items, token));
            afterPage?.Invoke(pages.Count);
            Assert.True(pages.Count < 100, "the listing must end");
        }
        while (token is not null);

        return pages;
    }
}
