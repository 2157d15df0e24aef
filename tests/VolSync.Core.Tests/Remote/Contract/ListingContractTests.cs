using VolSync.Core.Tests.TestSupport;
using VolSync.Emulator;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Contract;

public class ListingContractTests
{
    [Fact]
    public async Task Listing_follows_every_page()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(listPageSize: 7);
        var names = Enumerable.Range(0, 100).Select(i => $"f{i:000}.txt").ToList();
        foreach (var name in names)
        {
            await h.Client.UploadAsync($"{ClientAgainstEmulator.Volume}/many/{name}", ClientAgainstEmulator.Content([1, 2, 3]), 3, overwrite: true);
        }

        await h.Client.CreateDirectoryAsync($"{ClientAgainstEmulator.Volume}/many/sub");
        h.Requests.Clear();

        var entries = await h.Client.ListDirectoryAsync($"{ClientAgainstEmulator.Volume}/many").ToListAsync();

        Assert.Equal(names.Append("sub").Order(StringComparer.Ordinal), entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(entries.Where(e => !e.IsDirectory), e =>
        {
            Assert.Equal(3, e.FileSize);
            Assert.Equal($"{ClientAgainstEmulator.Volume}/many/{e.Name}", e.Path);
            Assert.NotNull(e.LastModified);
            Assert.InRange(e.LastModified!.Value, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
        });
        Assert.True(Assert.Single(entries, e => e.Name == "sub").IsDirectory);
        // 101 entries at 7 per page: 15 pages, each one GET and nothing else.
        Assert.Equal(15, h.Requests.Count("GET", "/api/2.0/fs/directories/"));
        Assert.Equal(15, h.Requests.Count());
        Assert.All(h.Requests.Snapshot(), r => Assert.Contains("page_size=7", r.RawPathAndQuery));
    }

    [Fact]
    public async Task A_missing_directory_lists_as_empty()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var entries = await h.Client.ListDirectoryAsync($"{ClientAgainstEmulator.Volume}/not/there").ToListAsync();

        Assert.Empty(entries);
        Assert.Equal(1, h.Requests.Count());
    }

    [Fact]
    public async Task An_empty_directory_lists_as_empty()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        await h.Client.CreateDirectoryAsync($"{ClientAgainstEmulator.Volume}/empty");

        Assert.Empty(await h.Client.ListDirectoryAsync($"{ClientAgainstEmulator.Volume}/empty").ToListAsync());
    }

    [Fact]
    public async Task Listing_follows_empty_pages_to_the_end()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(o => o.EmptyPages = 0.5, listPageSize: 4, seed: 11);
        var names = Enumerable.Range(0, 30).Select(i => $"f{i:00}").ToList();
        foreach (var name in names)
        {
            await h.Client.UploadAsync($"{ClientAgainstEmulator.Volume}/d/{name}", ClientAgainstEmulator.Content([1]), 1, overwrite: true);
        }

        h.Requests.Clear();
        // An empty first page, too: the listing must not stop at an empty page that carries a token.
        h.Server.Faults.FailNext(1, FaultKind.EmptyPage, "GET", "/api/2.0/fs/directories");

        var entries = await h.Client.ListDirectoryAsync($"{ClientAgainstEmulator.Volume}/d").ToListAsync();

        Assert.Equal(names, entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        // 30 entries at 4 per page are 8 full pages; every request beyond that was an empty page the client followed.
        Assert.True(h.Requests.Count("GET") > 9, $"expected empty pages to be followed, saw {h.Requests.Count("GET")} requests");
    }

    [Fact]
    public async Task Endless_empty_pages_end_with_a_coded_error_not_a_loop()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(o => o.EmptyPages = 1, maxEmptyPagesInARow: 25);
        await h.Client.UploadAsync($"{ClientAgainstEmulator.Volume}/d/f", ClientAgainstEmulator.Content([1]), 1, overwrite: true);
        h.Requests.Clear();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.ListDirectoryAsync($"{ClientAgainstEmulator.Volume}/d", timeout.Token).ToListAsync().AsTask());

        Assert.Equal("VOLSYNC1032", ex.Code);
        Assert.Contains("25 pages in a row had no entries", ex.Message);
        Assert.Equal(25, h.Requests.Count("GET"));
    }

    [Fact]
    public async Task A_repeated_page_token_ends_with_a_coded_error_not_a_loop()
    {
        // A hostile server: every page holds the same entry and hands out the same token again.
        await using var server = await HostileListServer.StartAsync("""{"contents":[{"path":"/Volumes/main/default/vol/d/a","name":"a","file_size":1}],"next_page_token":"again"}""");
        using var client = ClientAgainstEmulator.NewClient(server.BaseUri, "t");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.ListDirectoryAsync($"{ClientAgainstEmulator.Volume}/d", timeout.Token).ToListAsync().AsTask());

        Assert.Equal("VOLSYNC1032", ex.Code);
        Assert.Contains("page 2 returned the same next_page_token as page 1", ex.Message);
        Assert.Equal(2, server.Requests);
    }
}
