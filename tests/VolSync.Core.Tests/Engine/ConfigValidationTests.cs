using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Engine;

public sealed class ConfigValidationTests : IDisposable
{
    private readonly SyncFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<VolSyncException> RejectedAsync(SyncConfig config)
    {
        var ex = await Assert.ThrowsAsync<VolSyncException>(() => _f.Sync.SyncAsync(config));
        // Diagnostics are data: the code travels beside the message, never inside it.
        Assert.DoesNotContain(ex.Code, ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Code, ex.Diagnostic.Code);
        Assert.Equal(0, _f.Store.UploadCalls);
        Assert.Empty(_f.Store.ListedDirectories);
        Assert.Empty(Directory.GetFileSystemEntries(_f.Cache.Path));
        return ex;
    }

    private SyncConfig Valid(string? localPath = null, int hashLength = 16, int maxConcurrent = 5, string? volumePath = SyncFixture.VolumeRoot, string? catalog = null, string[]? patterns = null, string[]? excludes = null, string? cacheDir = null) => new()
    {
        LocalPath = localPath ?? _f.Local.Path,
        VolumePath = volumePath,
        Catalog = catalog,
        HashLength = hashLength,
        MaxConcurrentUploads = maxConcurrent,
        Patterns = patterns ?? [],
        ExcludePatterns = excludes ?? [],
        HashCacheDirectory = cacheDir ?? _f.Cache.Path,
    };

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Missing_local_path(string localPath) =>
        Assert.Equal(DiagnosticCodes.LocalPathMissing.Code, (await RejectedAsync(Valid(localPath))).Code);

    [Fact]
    public async Task Local_path_that_does_not_exist() =>
        Assert.Equal(DiagnosticCodes.LocalPathNotFound.Code, (await RejectedAsync(Valid(_f.Local.Combine("nope")))).Code);

    [Fact]
    public async Task Local_path_that_is_a_file() =>
        Assert.Equal(DiagnosticCodes.LocalPathNotDirectory.Code, (await RejectedAsync(Valid(_f.Local.Write("f.txt", "x")))).Code);

    [Theory]
    [InlineData(7)]
    [InlineData(65)]
    [InlineData(0)]
    public async Task Hash_length_outside_8_to_64(int hashLength) =>
        Assert.Equal(DiagnosticCodes.HashLengthOutOfRange.Code, (await RejectedAsync(Valid(hashLength: hashLength))).Code);

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    [InlineData(-1)]
    public async Task Max_concurrent_uploads_outside_1_to_64(int max) =>
        Assert.Equal(DiagnosticCodes.MaxConcurrentUploadsOutOfRange.Code, (await RejectedAsync(Valid(maxConcurrent: max))).Code);

    [Fact]
    public async Task No_volume() =>
        Assert.Equal(DiagnosticCodes.VolumeNotSpecified.Code, (await RejectedAsync(Valid(volumePath: null))).Code);

    [Fact]
    public async Task Volume_path_and_catalog_that_disagree() =>
        Assert.Equal(DiagnosticCodes.VolumePathConflict.Code, (await RejectedAsync(Valid(catalog: "other"))).Code);

    [Fact]
    public async Task Malformed_volume_path() =>
        Assert.Equal(DiagnosticCodes.VolumePathInvalid.Code, (await RejectedAsync(Valid(volumePath: "/Volumes/only-two/parts"))).Code);

    [Fact]
    public async Task Invalid_pattern() =>
        Assert.Equal(DiagnosticCodes.PatternInvalid.Code, (await RejectedAsync(Valid(excludes: ["../up"]))).Code);

    [Fact]
    public async Task Hash_cache_inside_the_synced_folder() =>
        Assert.Equal(DiagnosticCodes.HashCacheInsideLocalPath.Code, (await RejectedAsync(Valid(cacheDir: _f.Local.Combine(".cache")))).Code);

    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    public async Task Hash_length_bounds_are_accepted_and_used(int hashLength)
    {
        _f.Local.Write("a.txt", "a");

        var result = await _f.Sync.SyncAsync(Valid(hashLength: hashLength));

        Assert.EndsWith("_" + Sha.Hex("a")[..hashLength] + ".txt", Assert.Single(result.Files).RemotePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_every_problem_at_once_without_throwing()
    {
        var config = new SyncConfig
        {
            LocalPath = _f.Local.Combine("nope"),
            VolumePath = "/Volumes/c/s/v",
            Catalog = "other",
            RemotePath = "../up",
            HashLength = 4,
            MaxConcurrentUploads = 0,
            Patterns = ["a/../b"],
            ExcludePatterns = [""],
        };

        var problems = config.Validate();

        Assert.Equal(
            [DiagnosticCodes.LocalPathNotFound.Code, DiagnosticCodes.VolumePathConflict.Code, DiagnosticCodes.RemotePathInvalid.Code, DiagnosticCodes.HashLengthOutOfRange.Code, DiagnosticCodes.MaxConcurrentUploadsOutOfRange.Code, DiagnosticCodes.PatternInvalid.Code, DiagnosticCodes.PatternInvalid.Code],
            problems.Select(p => p.Code));
        Assert.All(problems, p => Assert.Equal(DiagnosticSeverity.Error, p.Severity));
    }

    [Fact]
    public async Task The_engine_throws_all_of_them_in_one_exception()
    {
        var ex = await RejectedAsync(Valid(hashLength: 4, maxConcurrent: 0));

        Assert.Equal([DiagnosticCodes.HashLengthOutOfRange.Code, DiagnosticCodes.MaxConcurrentUploadsOutOfRange.Code], ex.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Messages_name_the_setting_as_the_host_spells_it()
    {
        var problem = Assert.Single(Valid(hashLength: 7).Validate(new SettingNames { HashLength = "--hash-length" }));

        Assert.StartsWith("--hash-length is '7'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_anchored_pattern_is_valid()
    {
        Assert.Empty(Valid(patterns: ["/a.txt"]).Validate());
    }

    [Fact]
    public void The_target_is_resolved_once()
    {
        var config = Valid();

        Assert.Empty(config.Validate());
        Assert.Same(config.Target, config.Target);
        Assert.Equal(SyncFixture.VolumeRoot, config.Target.RemoteRoot);
    }

    [Fact]
    public void ForceUpload_is_an_alias_of_Force()
    {
        Assert.True(new SyncConfig { ForceUpload = true }.Force);
    }

    [Fact]
    public void Defaults_match_the_contract()
    {
        var config = new SyncConfig();

        Assert.Equal(5, config.MaxConcurrentUploads);
        Assert.Equal(16, config.HashLength);
        Assert.Empty(config.Patterns);
        Assert.Empty(config.ExcludePatterns);
        Assert.False(config.DryRun);
        Assert.False(config.Force);
        Assert.False(config.CreateVolume);
        Assert.Equal(SyncDefaults.MaxConcurrentUploads, config.MaxConcurrentUploads);
    }
}
