using VolSync.Core.Tests.Remote.Contract;
using VolSync.Diagnostics;
using VolSync.Remote;

namespace VolSync.Core.Tests.Remote;

/// <summary>The one check (and create) of catalog → schema → volume, against the emulator over HTTP.</summary>
public sealed class VolumePreflightTests
{
    [Fact]
    public async Task An_existing_volume_is_one_request()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var result = await VolumePreflight.EnsureVolumeAsync(h.Client, VolumeLocation.Resolve("/Volumes/main/default/vol", null, null, null), createIfMissing: false, dryRun: false);

        Assert.Equal(VolumePreflightOutcome.Exists, result.Outcome);
        Assert.Single(h.Requests.Snapshot());
    }

    [Theory]
    [InlineData("/Volumes/nocat/default/v", "VOLSYNC1150")]
    [InlineData("/Volumes/main/noschema/v", "VOLSYNC1151")]
    [InlineData("/Volumes/main/default/novolume", "VOLSYNC1152")]
    public async Task The_first_missing_level_is_named(string volumePath, string code)
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var error = await Assert.ThrowsAsync<VolSyncException>(() => VolumePreflight.EnsureVolumeAsync(h.Client, VolumeLocation.Resolve(volumePath, null, null, null), createIfMissing: false, dryRun: false, new SettingNames { CreateVolume = "--create-volume" }));

        Assert.Equal(code, error.Code);
        if (code == "VOLSYNC1152")
        {
            Assert.Contains("--create-volume", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_volume_is_created_when_asked_and_only_announced_in_a_dry_run()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var location = VolumeLocation.Resolve("/Volumes/main/default/fresh", null, null, null);

        var dry = await VolumePreflight.EnsureVolumeAsync(h.Client, location, createIfMissing: true, dryRun: true);
        Assert.Equal(VolumePreflightOutcome.WouldBeCreated, dry.Outcome);
        Assert.Null(await h.Client.GetVolumeAsync("main", "default", "fresh"));

        var real = await VolumePreflight.EnsureVolumeAsync(h.Client, location, createIfMissing: true, dryRun: false);
        Assert.Equal(VolumePreflightOutcome.Created, real.Outcome);
        Assert.NotNull(await h.Client.GetVolumeAsync("main", "default", "fresh"));
    }

    [Fact]
    public async Task A_create_that_loses_the_race_to_a_concurrent_create_is_success()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        using var other = ClientAgainstEmulator.NewClient(h.Server.BaseUri, ClientAgainstEmulator.Token);
        // Another process creates the volume between our check and our create: the service answers ALREADY_EXISTS.
        var racing = new CreatesFirst(h.Client, () => other.CreateVolumeAsync(new CreateVolumeRequest("main", "default", "raced")));

        var result = await VolumePreflight.CreateVolumeAsync(racing, new CreateVolumeRequest("main", "default", "raced"));

        Assert.Equal(VolumePreflightOutcome.Exists, result.Outcome);
        Assert.Equal("main.default.raced", result.Volume?.FullName);
        Assert.Equal(1, racing.Creates);
        Assert.Equal(2, h.Requests.Count("POST", "/api/2.1/unity-catalog/volumes"));
    }

    [Fact]
    public async Task Create_volume_needs_the_schema()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var error = await Assert.ThrowsAsync<VolSyncException>(() => VolumePreflight.CreateVolumeAsync(h.Client, new CreateVolumeRequest("main", "nope", "v")));

        Assert.Equal("VOLSYNC1151", error.Code);
        Assert.Equal(0, h.Requests.Count("POST", "/api/2.1/unity-catalog/volumes"));
    }

    private sealed class CreatesFirst(IVolumeCatalog inner, Func<Task> before) : IVolumeCatalog
    {
        public int Creates { get; private set; }

        public Task<VolumeInfo?> GetVolumeAsync(string catalog, string schema, string volume, CancellationToken cancellationToken = default) => inner.GetVolumeAsync(catalog, schema, volume, cancellationToken);

        public async Task<VolumeInfo> CreateVolumeAsync(CreateVolumeRequest request, CancellationToken cancellationToken = default)
        {
            Creates++;
            await before();
            return await inner.CreateVolumeAsync(request, cancellationToken);
        }

        public Task<bool> CatalogExistsAsync(string catalog, CancellationToken cancellationToken = default) => inner.CatalogExistsAsync(catalog, cancellationToken);

        public Task<bool> SchemaExistsAsync(string catalog, string schema, CancellationToken cancellationToken = default) => inner.SchemaExistsAsync(catalog, schema, cancellationToken);
    }
}
