using System.Text.Json;

namespace VolSync.Emulator.Tests;

public sealed class DirectoriesApiTests : IAsyncDisposable
{
    private TestEmulator? _emu;

    public async ValueTask DisposeAsync()
    {
        if (_emu is not null)
        {
            await _emu.DisposeAsync();
        }
    }

    private async Task<TestEmulator> StartAsync(int pageSize = 1000) =>
        _emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, PageSize = pageSize });

    [Fact]
    public async Task List_returns_immediate_children_sorted_with_real_field_names()
    {
        var emu = await StartAsync();
        await emu.PutAsync("b.txt", "bbb");
        await emu.PutAsync("a.txt", "a");
        await emu.PutAsync("sub/inner.txt", "not listed");
        File.SetLastWriteTimeUtc(Path.Combine(emu.VolumeDirectory, "a.txt"), new DateTime(2025, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc));

        using var response = await emu.Client.GetAsync(TestEmulator.Directories());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await TestEmulator.ReadJsonAsync(response);
        Assert.False(body.TryGetProperty("next_page_token", out _));
        var entries = body.GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["a.txt", "b.txt", "sub"], entries.Select(e => e.GetProperty("name").GetString()));

        var a = entries[0];
        Assert.Equal(TestEmulator.VolumeRoot + "/a.txt", a.GetProperty("path").GetString());
        Assert.Equal(1, a.GetProperty("file_size").GetInt64());
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).ToUnixTimeMilliseconds(), a.GetProperty("last_modified").GetInt64());
        Assert.False(a.TryGetProperty("is_directory", out _));

        var sub = entries[2];
        Assert.True(sub.GetProperty("is_directory").GetBoolean());
        Assert.Equal(TestEmulator.VolumeRoot + "/sub", sub.GetProperty("path").GetString());
        Assert.False(sub.TryGetProperty("file_size", out _));
    }

    [Fact]
    public async Task Empty_directory_lists_no_contents_field()
    {
        var emu = await StartAsync();

        using var response = await emu.Client.GetAsync(TestEmulator.Directories());

        var body = await TestEmulator.ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.False(body.TryGetProperty("contents", out _));
        Assert.False(body.TryGetProperty("next_page_token", out _));
    }

    [Fact]
    public async Task Pagination_walks_every_entry_once_with_tokens_absent_on_the_last_page()
    {
        var emu = await StartAsync(pageSize: 3);
        for (var i = 0; i < 10; i++)
        {
            File.WriteAllText(Path.Combine(emu.VolumeDirectory, $"f{i:00}.txt"), "x");
        }

        var names = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var url = TestEmulator.Directories() + (token is null ? string.Empty : "?page_token=" + Uri.EscapeDataString(token));
            using var response = await emu.Client.GetAsync(url);
            var body = await TestEmulator.ReadJsonAsync(response);
            var page = body.GetProperty("contents").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
            Assert.True(page.Count <= 3);
            names.AddRange(page);
            token = body.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(4, pages);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"f{i:00}.txt"), names);
    }

    [Fact]
    public async Task Page_size_parameter_is_honoured_and_capped_at_1000()
    {
        var emu = await StartAsync();
        for (var i = 0; i < 1001; i++)
        {
            File.WriteAllText(Path.Combine(emu.VolumeDirectory, $"f{i:0000}"), string.Empty);
        }

        using (var small = await emu.Client.GetAsync(TestEmulator.Directories() + "?page_size=7"))
        {
            var body = await TestEmulator.ReadJsonAsync(small);
            Assert.Equal(7, body.GetProperty("contents").GetArrayLength());
            Assert.True(body.TryGetProperty("next_page_token", out _));
        }

        using var huge = await emu.Client.GetAsync(TestEmulator.Directories() + "?page_size=5000");
        var hugeBody = await TestEmulator.ReadJsonAsync(huge);
        Assert.Equal(1000, hugeBody.GetProperty("contents").GetArrayLength());
        var token = hugeBody.GetProperty("next_page_token").GetString();

        using var last = await emu.Client.GetAsync(TestEmulator.Directories() + "?page_size=5000&page_token=" + Uri.EscapeDataString(token!));
        var lastBody = await TestEmulator.ReadJsonAsync(last);
        Assert.Equal("f1000", lastBody.GetProperty("contents").EnumerateArray().Single().GetProperty("name").GetString());
        Assert.False(lastBody.TryGetProperty("next_page_token", out _));
    }

    [Fact]
    public async Task Invalid_page_token_is_400()
    {
        var emu = await StartAsync();

        using var response = await emu.Client.GetAsync(TestEmulator.Directories() + "?page_token=%21%21%21");

        await TestEmulator.AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Listing_a_missing_directory_or_a_file_is_404()
    {
        var emu = await StartAsync();
        await emu.PutAsync("file.txt", "x");

        using var missing = await emu.Client.GetAsync(TestEmulator.Directories("nope"));
        await TestEmulator.AssertErrorAsync(missing, HttpStatusCode.NotFound, "NOT_FOUND");

        using var file = await emu.Client.GetAsync(TestEmulator.Directories("file.txt"));
        await TestEmulator.AssertErrorAsync(file, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Head_is_200_for_a_directory_and_404_for_a_file_or_nothing()
    {
        var emu = await StartAsync();
        await emu.PutAsync("d/file.txt", "x");

        Assert.Equal(HttpStatusCode.OK, await HeadAsync(emu, TestEmulator.Directories("d")));
        Assert.Equal(HttpStatusCode.OK, await HeadAsync(emu, TestEmulator.Directories()));
        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync(emu, TestEmulator.Directories("d/file.txt")));
        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync(emu, TestEmulator.Directories("nothing")));
    }

    [Fact]
    public async Task Put_is_mkdir_p_and_idempotent()
    {
        var emu = await StartAsync();

        using (var first = await emu.Client.PutAsync(TestEmulator.Directories("a/b/c"), null))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var again = await emu.Client.PutAsync(TestEmulator.Directories("a/b/c"), null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.True(Directory.Exists(Path.Combine(emu.VolumeDirectory, "a", "b", "c")));
    }

    [Fact]
    public async Task Put_where_a_file_stands_is_409()
    {
        var emu = await StartAsync();
        await emu.PutAsync("f", "file");

        using var response = await emu.Client.PutAsync(TestEmulator.Directories("f/sub"), null);

        await TestEmulator.AssertErrorAsync(response, HttpStatusCode.Conflict, "ALREADY_EXISTS");
    }

    [Fact]
    public async Task Delete_of_a_non_empty_directory_is_400_directory_is_not_empty()
    {
        var emu = await StartAsync();
        await emu.PutAsync("full/a.txt", "x");

        using var response = await emu.Client.DeleteAsync(TestEmulator.Directories("full"));

        var body = await TestEmulator.AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "FILES_API_DIRECTORY_IS_NOT_EMPTY");
        var info = body.GetProperty("details").EnumerateArray().First();
        Assert.Equal("filesystem.databricks.com", info.GetProperty("domain").GetString());
        Assert.True(Directory.Exists(Path.Combine(emu.VolumeDirectory, "full")));
    }

    [Fact]
    public async Task Delete_of_an_empty_directory_succeeds_and_of_a_missing_one_is_404()
    {
        var emu = await StartAsync();
        using (var mkdir = await emu.Client.PutAsync(TestEmulator.Directories("empty"), null))
        {
            Assert.Equal(HttpStatusCode.OK, mkdir.StatusCode);
        }

        using (var delete = await emu.Client.DeleteAsync(TestEmulator.Directories("empty")))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        using var again = await emu.Client.DeleteAsync(TestEmulator.Directories("empty"));
        await TestEmulator.AssertErrorAsync(again, HttpStatusCode.NotFound, "NOT_FOUND", "FILES_API_DIRECTORY_IS_NOT_FOUND");
    }

    [Fact]
    public async Task Upload_temp_files_are_hidden_from_listings()
    {
        var emu = await StartAsync();
        File.WriteAllText(Path.Combine(emu.VolumeDirectory, ".volsync-upload-0123.tmp"), "partial");
        await emu.PutAsync("real.txt", "r");

        using var response = await emu.Client.GetAsync(TestEmulator.Directories());

        var names = (await TestEmulator.ReadJsonAsync(response)).GetProperty("contents").EnumerateArray().Select(e => e.GetProperty("name").GetString());
        Assert.Equal(["real.txt"], names);
    }

    private static async Task<HttpStatusCode> HeadAsync(TestEmulator emu, string url)
    {
        using var response = await emu.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        return response.StatusCode;
    }
}
