namespace VolSync.Emulator.Tests;

/// <summary><c>PATCH /api/2.1/unity-catalog/volumes/{full_name}</c>: comment, owner and new_name, with the real errors.</summary>
public sealed class VolumeUpdateTests : IAsyncLifetime
{
    private const string Volumes = "/api/2.1/unity-catalog/volumes";
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Comment_and_owner_change_and_the_answer_is_the_volume_info()
    {
        using var response = await _emu.Client.PatchAsync(Volumes + "/main.default.vol", TestEmulator.Json(new { comment = "release drops", owner = "ops@example.com" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestEmulator.ReadJsonAsync(response);
        Assert.Equal("main.default.vol", body.GetProperty("full_name").GetString());
        Assert.Equal("release drops", body.GetProperty("comment").GetString());
        Assert.Equal("ops@example.com", body.GetProperty("owner").GetString());
        Assert.True(body.GetProperty("updated_at").GetInt64() >= body.GetProperty("created_at").GetInt64());

        using var get = await _emu.Client.GetAsync(Volumes + "/main.default.vol");
        var read = await TestEmulator.ReadJsonAsync(get);
        Assert.Equal("release drops", read.GetProperty("comment").GetString());
        Assert.Equal("ops@example.com", read.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Rename_moves_the_files_with_the_volume_and_frees_the_old_name()
    {
        await _emu.PutAsync("dir/a.txt", "payload");

        using var response = await _emu.Client.PatchAsync(Volumes + "/main.default.vol", TestEmulator.Json(new { new_name = "Renamed" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestEmulator.ReadJsonAsync(response);
        Assert.Equal("renamed", body.GetProperty("name").GetString());
        Assert.Equal("main.default.renamed", body.GetProperty("full_name").GetString());
        using var moved = await _emu.Client.GetAsync("/api/2.0/fs/files/Volumes/main/default/renamed/dir/a.txt");
        Assert.Equal("payload", await moved.Content.ReadAsStringAsync());
        using var old = await _emu.Client.GetAsync(Volumes + "/main.default.vol");
        var missing = await TestEmulator.AssertErrorAsync(old, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Volume 'main.default.vol' does not exist.", missing.GetProperty("message").GetString());
        using var oldFile = await _emu.Client.GetAsync(TestEmulator.Files("dir/a.txt"));
        Assert.Equal(HttpStatusCode.NotFound, oldFile.StatusCode);
    }

    [Fact]
    public async Task Renaming_onto_an_existing_volume_is_409_and_changes_nothing()
    {
        (await _emu.CreateVolumeAsync("other")).Dispose();
        await _emu.PutAsync("a.txt", "mine");

        using var response = await _emu.Client.PatchAsync(Volumes + "/main.default.vol", TestEmulator.Json(new { new_name = "other", comment = "not applied" }));

        await TestEmulator.AssertErrorAsync(response, HttpStatusCode.Conflict, "RESOURCE_ALREADY_EXISTS");
        using var get = await _emu.Client.GetAsync(Volumes + "/main.default.vol");
        Assert.False((await TestEmulator.ReadJsonAsync(get)).TryGetProperty("comment", out _));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_emu.VolumeDirectory, "a.txt")));
    }

    [Fact]
    public async Task A_missing_volume_is_404_and_bad_names_or_owners_are_400()
    {
        using var missing = await _emu.Client.PatchAsync(Volumes + "/main.default.nope", TestEmulator.Json(new { comment = "x" }));
        var body = await TestEmulator.AssertErrorAsync(missing, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Volume 'main.default.nope' does not exist.", body.GetProperty("message").GetString());

        using var badName = await _emu.Client.PatchAsync(Volumes + "/main.default.vol", TestEmulator.Json(new { new_name = "a.b" }));
        await TestEmulator.AssertErrorAsync(badName, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        using var emptyOwner = await _emu.Client.PatchAsync(Volumes + "/main.default.vol", TestEmulator.Json(new { owner = "" }));
        await TestEmulator.AssertErrorAsync(emptyOwner, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        using var malformed = await _emu.Client.PatchAsync(Volumes + "/main.default.vol", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));
        await TestEmulator.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
    }

    [Fact]
    public async Task An_empty_comment_clears_it_and_absent_fields_stay()
    {
        (await _emu.Client.PatchAsync(Volumes + "/main.default.vol", TestEmulator.Json(new { comment = "first", owner = "a@example.com" }))).Dispose();

        using var response = await _emu.Client.PatchAsync(Volumes + "/main.default.vol", TestEmulator.Json(new { comment = "" }));

        var body = await TestEmulator.ReadJsonAsync(response);
        Assert.False(body.TryGetProperty("comment", out _));
        Assert.Equal("a@example.com", body.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task A_rename_survives_a_restart_as_the_same_volume()
    {
        using var renamed = await _emu.Client.PatchAsync(Volumes + "/main.default.vol", TestEmulator.Json(new { new_name = "kept" }));
        var volumeId = (await TestEmulator.ReadJsonAsync(renamed)).GetProperty("volume_id").GetString();
        await _emu.Server.StopAsync();

        await using var restarted = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = _emu.Root });
        using var client = TestEmulator.NewClient(restarted, "t");
        using var get = await client.GetAsync(Volumes + "/main.default.kept");
        using var old = await client.GetAsync(Volumes + "/main.default.vol");

        Assert.Equal(volumeId, (await TestEmulator.ReadJsonAsync(get)).GetProperty("volume_id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }
}
