using System.Net;
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
}
