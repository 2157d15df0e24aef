using System.Net;
using VolSync.Emulator;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Contract;

public class UnityCatalogContractTests
{
    [Fact]
    public async Task Create_then_get_a_volume()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var created = await h.Client.CreateVolumeAsync(new CreateVolumeRequest("main", "default", "artifacts", Comment: "builds"));
        var fetched = await h.Client.GetVolumeAsync("main", "default", "artifacts");

        Assert.Equal("main.default.artifacts", created.FullName);
        Assert.Equal(VolumeType.Managed, created.VolumeType);
        Assert.Equal("builds", created.Comment);
        Assert.NotNull(created.VolumeId);
        Assert.NotNull(created.CreatedAt);
        Assert.Equal(created, fetched);
        Assert.Equal(1, h.Requests.Count("POST", "/api/2.1/unity-catalog/volumes"));
        // The new volume is usable at once.
        await h.Client.UploadAsync("/Volumes/main/default/artifacts/a.txt", ClientAgainstEmulator.Content([1]), 1, overwrite: false);
    }

    [Fact]
    public async Task Creating_an_existing_volume_is_a_coded_already_exists()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.CreateVolumeAsync(new CreateVolumeRequest("main", "default", "vol")));

        Assert.Equal("VOLSYNC1010", ex.Code);
        Assert.Contains("main.default.vol", ex.Message);
        Assert.Contains("already exists", ex.Message);
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
    }

    [Fact]
    public async Task A_missing_volume_is_null_and_missing_catalog_or_schema_is_false()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        Assert.Null(await h.Client.GetVolumeAsync("main", "default", "nope"));
        Assert.True(await h.Client.CatalogExistsAsync("main"));
        Assert.False(await h.Client.CatalogExistsAsync("nope"));
        Assert.True(await h.Client.SchemaExistsAsync("main", "default"));
        Assert.False(await h.Client.SchemaExistsAsync("main", "nope"));
        Assert.False(await h.Client.SchemaExistsAsync("nope", "default"));
    }

    [Fact]
    public async Task Creating_in_a_missing_schema_is_404()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.CreateVolumeAsync(new CreateVolumeRequest("main", "nope", "v")));

        Assert.Equal("VOLSYNC1003", ex.Code);
        Assert.Equal("create volume", ex.Operation);
        Assert.Equal("main.nope.v", ex.Path);
    }

    [Fact]
    public async Task Listing_volumes_follows_every_page()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(listPageSize: 2);
        foreach (var name in new[] { "b", "c", "d", "e" })
        {
            await h.Client.CreateVolumeAsync(new CreateVolumeRequest("main", "default", name));
        }

        h.Requests.Clear();

        var names = await h.Client.ListVolumesAsync("main", "default").Select(v => v.Name).ToListAsync();

        Assert.Equal(new[] { "b", "c", "d", "e", "vol" }, names.Order(StringComparer.Ordinal));
        Assert.Equal(3, h.Requests.Count("GET", "/api/2.1/unity-catalog/volumes"));
    }

    [Fact]
    public async Task Volume_listing_follows_empty_pages_to_the_end()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(listPageSize: 2, seed: 5);
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await h.Client.CreateVolumeAsync(new CreateVolumeRequest("main", "default", name));
        }

        h.Server.Options.EmptyPages = 0.5;
        h.Server.Faults.FailNext(1, FaultKind.EmptyPage, "GET", "/api/2.1/unity-catalog/volumes");
        h.Requests.Clear();

        var volumes = await h.Client.ListVolumesAsync("main", "default").ToListAsync();

        Assert.Equal(["a", "b", "c", "d", "e", "vol"], volumes.Select(v => v.Name));
        Assert.True(h.Requests.Count("GET") > 3, "six volumes at two per page are three pages; the empty ones come on top");
    }

    [Fact]
    public async Task Endless_empty_volume_pages_end_with_a_coded_error()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(o => o.EmptyPages = 1, maxEmptyPagesInARow: 10);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.ListVolumesAsync("main", "default", timeout.Token).ToListAsync().AsTask());

        Assert.Equal("VOLSYNC1032", ex.Code);
        Assert.Equal("list volumes", ex.Operation);
        Assert.Equal(10, h.Requests.Count("GET"));
    }

    [Fact]
    public async Task Update_volume_round_trips_comment_owner_and_name()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        await h.Client.UploadAsync($"{ClientAgainstEmulator.Volume}/kept.txt", ClientAgainstEmulator.Content([42]), 1, overwrite: true);

        var commented = await h.Client.UpdateVolumeAsync("main", "default", "vol", new UpdateVolumeRequest(Comment: "nightly", Owner: "ops@example.com"));
        var renamed = await h.Client.UpdateVolumeAsync("main", "default", "vol", new UpdateVolumeRequest(NewName: "releases"));

        Assert.Equal("nightly", commented.Comment);
        Assert.Equal("ops@example.com", commented.Owner);
        Assert.Equal("main.default.releases", renamed.FullName);
        Assert.Equal(commented.VolumeId, renamed.VolumeId);
        Assert.Equal("nightly", renamed.Comment);
        Assert.Equal(renamed, await h.Client.GetVolumeAsync("main", "default", "releases"));
        Assert.Null(await h.Client.GetVolumeAsync("main", "default", "vol"));
        using var moved = await h.Client.OpenReadAsync("/Volumes/main/default/releases/kept.txt");
        Assert.Equal(42, moved.ReadByte());
        Assert.Equal(2, h.Requests.Count("PATCH", "/api/2.1/unity-catalog/volumes/main.default.vol"));
    }

    [Fact]
    public async Task Updating_a_missing_volume_is_404_and_a_taken_name_is_409()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        await h.Client.CreateVolumeAsync(new CreateVolumeRequest("main", "default", "other"));

        var missing = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.UpdateVolumeAsync("main", "default", "nope", new UpdateVolumeRequest(Comment: "x")));
        var taken = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.UpdateVolumeAsync("main", "default", "vol", new UpdateVolumeRequest(NewName: "other")));

        Assert.Equal("VOLSYNC1003", missing.Code);
        Assert.Contains("Volume 'main.default.nope' does not exist.", missing.Message);
        Assert.Equal("update volume", missing.Operation);
        Assert.Equal("VOLSYNC1004", taken.Code);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }
}
