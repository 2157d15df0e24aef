using System.Text.Json;
using VolSync.Emulator;
using VolSync.EndToEnd.Tests.Infrastructure;

namespace VolSync.EndToEnd.Tests;

/// <summary>
/// The props/targets from the source tree, evaluated and run by the real <c>dotnet msbuild</c> in a project without
/// an SDK (no restore): defaults, aliases and the VolSyncPublish wiring, with the task built next to the tests.
/// </summary>
public sealed class TargetsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("volsync-targets-").FullName;
    private EmulatorServer _emulator = null!;

    private string Project => Path.Combine(_dir, "t.proj");

    public async Task InitializeAsync()
    {
        var build = Path.Combine(RepoPaths.Root, "src", "VolSync.Build", "build");
        await File.WriteAllTextAsync(Project, $"""
            <Project>
              <Import Project="{build}/VolSync.Build.props" />
              <PropertyGroup>
                <PublishDir>pub/</PublishDir>
                <BaseIntermediateOutputPath>obj/</BaseIntermediateOutputPath>
              </PropertyGroup>
              <Import Project="{build}/VolSync.Build.targets" />
            </Project>
            """);
        Directory.CreateDirectory(Path.Combine(_dir, "pub"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "pub", "app.dll"), "app");
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = Path.Combine(_dir, "remote") });
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Defaults_are_not_restated_and_the_former_names_are_aliases()
    {
        var plain = await PropertiesAsync();
        Assert.Equal("pub/", plain["VolSyncLocalPath"]);
        // Empty here, so the task takes SyncDefaults: one place for 5 and 16.
        Assert.Equal(string.Empty, plain["VolSyncMaxConcurrentUploads"]);
        Assert.Equal(string.Empty, plain["VolSyncHashLength"]);
        Assert.Equal("false", plain["VolSyncEnabled"]);
        Assert.Contains("_VolSyncCheckHost", plain["VolSyncPublishDependsOn"], StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("obj", "volsync") + Path.DirectorySeparatorChar, plain["VolSyncHashCacheDir"], StringComparison.Ordinal);

        var legacy = await PropertiesAsync("-p:VolSyncSourceDir=legacy/");
        Assert.Equal("legacy/", legacy["VolSyncLocalPath"]);

        var both = await PropertiesAsync("-p:VolSyncSourceDir=legacy/", "-p:VolSyncLocalPath=new/");
        Assert.Equal("new/", both["VolSyncLocalPath"]);
    }

    [Fact]
    public async Task VolSyncPublish_runs_the_task_with_the_engine_defaults()
    {
        var run = await MSBuildAsync("-t:VolSyncPublish", "-p:VolSyncVolumePath=/Volumes/main/default/apps", "-p:VolSyncCreateVolume=true", "-v:d");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"up to {SyncDefaults.MaxConcurrentUploads} uploads in flight, {SyncDefaults.HashLength} hex digits", run.Output, StringComparison.Ordinal);
        Assert.Contains("VolSync: 1 uploaded, 0 skipped, 0 failed", run.Output, StringComparison.Ordinal);
        var stored = Directory.GetFiles(Path.Combine(_dir, "remote", "Volumes", "main", "default", "apps")).Select(Path.GetFileName);
        Assert.Matches($"^app_[0-9a-f]{{{SyncDefaults.HashLength}}}\\.dll$", Assert.Single(stored));
    }

    [Fact]
    public async Task The_former_retry_property_is_read_and_checked_under_its_own_name()
    {
        var run = await MSBuildAsync("-t:VolSyncPublish", "-p:VolSyncVolumePath=/Volumes/main/default/apps", "-p:VolSyncRetryTimeoutSeconds=soon", "-p:VolSyncHashLength=7");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error VOLSYNC2203: VolSyncRetryTimeoutSeconds is 'soon'", run.Output, StringComparison.Ordinal);
        Assert.Contains("error VOLSYNC2009: VolSyncHashLength is '7'", run.Output, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests.Snapshot());
    }

    private async Task<Dictionary<string, string>> PropertiesAsync(params string[] extra)
    {
        string[] names = ["VolSyncLocalPath", "VolSyncMaxConcurrentUploads", "VolSyncHashLength", "VolSyncEnabled", "VolSyncPublishDependsOn", "VolSyncHashCacheDir"];
        var run = await DotNetRunner.RunAsync(_dir, ["msbuild", Project, "-nologo", .. names.Select(n => "-getProperty:" + n), .. extra], new Dictionary<string, string>());
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output[run.Output.IndexOf('{', StringComparison.Ordinal)..]);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!.Trim());
    }

    private Task<DotNetResult> MSBuildAsync(params string[] arguments) =>
        DotNetRunner.RunAsync(
            _dir,
            ["msbuild", Project, "-nologo", "-nodeReuse:false", "-tl:off", "-p:VolSyncTasksAssembly=" + Path.Combine(AppContext.BaseDirectory, "VolSync.Build.dll"), .. arguments],
            new Dictionary<string, string>
            {
                ["DATABRICKS_HOST"] = _emulator.BaseUri.ToString(),
                ["DATABRICKS_TOKEN"] = "targets-token",
                ["DATABRICKS_CONFIG_FILE"] = Path.Combine(_dir, "no-databrickscfg"),
                ["HOME"] = _dir,
            });
}
