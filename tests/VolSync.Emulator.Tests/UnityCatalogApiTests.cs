using System.Text.Json;

namespace VolSync.Emulator.Tests;

public sealed class UnityCatalogApiTests : IAsyncLifetime
{
    private const string Volumes = "/api/2.1/unity-catalog/volumes";
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync(createVolume: false);

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Catalog_main_and_schema_default_exist_from_the_start()
    {
        using var catalog = await _emu.Client.GetAsync("/api/2.1/unity-catalog/catalogs/main");
        Assert.Equal("main", (await TestEmulator.ReadJsonAsync(catalog)).GetProperty("name").GetString());

        using var schema = await _emu.Client.GetAsync("/api/2.1/unity-catalog/schemas/main.default");
        var body = await TestEmulator.ReadJsonAsync(schema);
        Assert.Equal("main.default", body.GetProperty("full_name").GetString());
        Assert.Equal("main", body.GetProperty("catalog_name").GetString());
    }

    [Fact]
    public async Task Create_volume_returns_volume_info_and_creates_its_folder()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var response = await _emu.CreateVolumeAsync("Releases");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await TestEmulator.ReadJsonAsync(response);
        Assert.Equal("main", info.GetProperty("catalog_name").GetString());
        Assert.Equal("default", info.GetProperty("schema_name").GetString());
        Assert.Equal("releases", info.GetProperty("name").GetString());
        Assert.Equal("main.default.releases", info.GetProperty("full_name").GetString());
        Assert.Equal("MANAGED", info.GetProperty("volume_type").GetString());
        foreach (var field in new[] { "storage_location", "volume_id", "metastore_id", "owner", "created_by", "updated_by" })
        {
            Assert.False(string.IsNullOrEmpty(info.GetProperty(field).GetString()), field);
        }

        Assert.InRange(info.GetProperty("created_at").GetInt64(), before, before + 600_000);
        Assert.True(info.GetProperty("updated_at").GetInt64() >= info.GetProperty("created_at").GetInt64());
        Assert.True(Directory.Exists(Path.Combine(_emu.Root, "Volumes", "main", "default", "releases")));

        using var get = await _emu.Client.GetAsync(Volumes + "/main.default.releases");
        Assert.Equal(info.GetProperty("volume_id").GetString(), (await TestEmulator.ReadJsonAsync(get)).GetProperty("volume_id").GetString());
    }

    [Fact]
    public async Task Duplicate_volume_is_409_resource_already_exists()
    {
        (await _emu.CreateVolumeAsync("v")).Dispose();

        using var again = await _emu.CreateVolumeAsync("v");

        await TestEmulator.AssertErrorAsync(again, HttpStatusCode.Conflict, "RESOURCE_ALREADY_EXISTS");
    }

    [Fact]
    public async Task Create_in_a_missing_schema_or_catalog_is_404_with_the_real_message()
    {
        using var noSchema = await _emu.CreateVolumeAsync("v", schema: "nope");
        var body = await TestEmulator.AssertErrorAsync(noSchema, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Schema 'main.nope' does not exist.", body.GetProperty("message").GetString());

        using var noCatalog = await _emu.CreateVolumeAsync("v", catalog: "ghost");
        body = await TestEmulator.AssertErrorAsync(noCatalog, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Catalog 'ghost' does not exist.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Get_of_a_missing_volume_is_404_with_the_real_message()
    {
        using var response = await _emu.Client.GetAsync(Volumes + "/main.default.nope");

        var body = await TestEmulator.AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Volume 'main.default.nope' does not exist.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Managed_volume_with_storage_location_is_400_and_external_needs_one()
    {
        using var managed = await _emu.Client.PostAsync(Volumes, TestEmulator.Json(new { catalog_name = "main", schema_name = "default", name = "m", volume_type = "MANAGED", storage_location = "s3://b/p" }));
        var body = await TestEmulator.AssertErrorAsync(managed, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Equal("CreateVolume storage_location can not be provided.", body.GetProperty("message").GetString());

        using var externalMissing = await _emu.Client.PostAsync(Volumes, TestEmulator.Json(new { catalog_name = "main", schema_name = "default", name = "e", volume_type = "EXTERNAL" }));
        await TestEmulator.AssertErrorAsync(externalMissing, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        using var external = await _emu.Client.PostAsync(Volumes, TestEmulator.Json(new { catalog_name = "main", schema_name = "default", name = "e", volume_type = "EXTERNAL", storage_location = "s3://bucket/path/" }));
        var info = await TestEmulator.ReadJsonAsync(external);
        Assert.Equal("EXTERNAL", info.GetProperty("volume_type").GetString());
        Assert.Equal("s3://bucket/path", info.GetProperty("storage_location").GetString());
    }

    [Fact]
    public async Task Malformed_json_or_missing_fields_are_400()
    {
        using var malformed = await _emu.Client.PostAsync(Volumes, new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        await TestEmulator.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "MALFORMED_REQUEST");

        using var noName = await _emu.Client.PostAsync(Volumes, TestEmulator.Json(new { catalog_name = "main", schema_name = "default", volume_type = "MANAGED" }));
        await TestEmulator.AssertErrorAsync(noName, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task List_volumes_pages_with_max_results_and_page_token()
    {
        foreach (var name in new[] { "c", "a", "e", "b", "d" })
        {
            (await _emu.CreateVolumeAsync(name)).Dispose();
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = Volumes + "?catalog_name=main&schema_name=default&max_results=2" + (token is null ? string.Empty : "&page_token=" + Uri.EscapeDataString(token));
            using var response = await _emu.Client.GetAsync(url);
            var body = await TestEmulator.ReadJsonAsync(response);
            names.AddRange(body.GetProperty("volumes").EnumerateArray().Select(v => v.GetProperty("name").GetString()!));
            token = body.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["a", "b", "c", "d", "e"], names);

        using var all = await _emu.Client.GetAsync(Volumes + "?catalog_name=main&schema_name=default");
        Assert.Equal(5, (await TestEmulator.ReadJsonAsync(all)).GetProperty("volumes").GetArrayLength());

        using var missingSchema = await _emu.Client.GetAsync(Volumes + "?catalog_name=main&schema_name=nope");
        await TestEmulator.AssertErrorAsync(missingSchema, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Delete_volume_removes_it_and_its_files()
    {
        (await _emu.CreateVolumeAsync("vol")).Dispose();
        await _emu.PutAsync("f.txt", "x");

        using (var delete = await _emu.Client.DeleteAsync(Volumes + "/main.default.vol"))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        using var get = await _emu.Client.GetAsync(Volumes + "/main.default.vol");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var file = await _emu.Client.GetAsync(TestEmulator.Files("f.txt"));
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        using var again = await _emu.Client.DeleteAsync(Volumes + "/main.default.vol");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Catalogs_and_schemas_can_be_created_listed_and_deleted()
    {
        using (var catalog = await _emu.Client.PostAsync("/api/2.1/unity-catalog/catalogs", TestEmulator.Json(new { name = "dev", comment = "c" })))
        {
            Assert.Equal("dev", (await TestEmulator.ReadJsonAsync(catalog)).GetProperty("name").GetString());
        }

        using (var schema = await _emu.Client.PostAsync("/api/2.1/unity-catalog/schemas", TestEmulator.Json(new { catalog_name = "dev", name = "tools" })))
        {
            Assert.Equal("dev.tools", (await TestEmulator.ReadJsonAsync(schema)).GetProperty("full_name").GetString());
        }

        using (var duplicate = await _emu.Client.PostAsync("/api/2.1/unity-catalog/schemas", TestEmulator.Json(new { catalog_name = "dev", name = "tools" })))
        {
            await TestEmulator.AssertErrorAsync(duplicate, HttpStatusCode.Conflict, "RESOURCE_ALREADY_EXISTS");
        }

        using (var catalogs = await _emu.Client.GetAsync("/api/2.1/unity-catalog/catalogs"))
        {
            var names = (await TestEmulator.ReadJsonAsync(catalogs)).GetProperty("catalogs").EnumerateArray().Select(c => c.GetProperty("name").GetString());
            Assert.Equal(["dev", "main"], names);
        }

        using (var schemas = await _emu.Client.GetAsync("/api/2.1/unity-catalog/schemas?catalog_name=dev"))
        {
            Assert.Equal("tools", (await TestEmulator.ReadJsonAsync(schemas)).GetProperty("schemas").EnumerateArray().Single().GetProperty("name").GetString());
        }

        using (var notEmpty = await _emu.Client.DeleteAsync("/api/2.1/unity-catalog/catalogs/dev"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notEmpty.StatusCode);
        }

        using (var deleteSchema = await _emu.Client.DeleteAsync("/api/2.1/unity-catalog/schemas/dev.tools"))
        {
            Assert.Equal(HttpStatusCode.OK, deleteSchema.StatusCode);
        }

        using (var deleteCatalog = await _emu.Client.DeleteAsync("/api/2.1/unity-catalog/catalogs/dev"))
        {
            Assert.Equal(HttpStatusCode.OK, deleteCatalog.StatusCode);
        }

        using var gone = await _emu.Client.GetAsync("/api/2.1/unity-catalog/catalogs/dev");
        var body = await TestEmulator.AssertErrorAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Catalog 'dev' does not exist.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Volumes_survive_a_restart_on_the_same_root()
    {
        string volumeId;
        using (var created = await _emu.CreateVolumeAsync("kept"))
        {
            volumeId = (await TestEmulator.ReadJsonAsync(created)).GetProperty("volume_id").GetString()!;
        }

        await _emu.Server.StopAsync();
        await using var restarted = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = _emu.Root });
        using var client = TestEmulator.NewClient(restarted, "t");

        using var get = await client.GetAsync(Volumes + "/main.default.kept");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(volumeId, (await TestEmulator.ReadJsonAsync(get)).GetProperty("volume_id").GetString());
    }

    [Fact]
    public async Task Volume_folders_already_under_the_root_are_adopted_at_start()
    {
        var root = TestEmulator.NewRoot();
        Directory.CreateDirectory(Path.Combine(root, "Volumes", "shop", "sales", "exports"));
        await using var emu = await TestEmulator.StartAsync(createVolume: false, root: root);

        using var get = await emu.Client.GetAsync(Volumes + "/shop.sales.exports");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(JsonValueKind.String, (await TestEmulator.ReadJsonAsync(get)).GetProperty("volume_id").ValueKind);
    }
}
