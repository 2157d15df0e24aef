using VolSync.Remote;

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
}
