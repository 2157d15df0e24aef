using System.Text.Json;
using System.Text.RegularExpressions;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.EndToEnd.Tests.Infrastructure;

namespace VolSync.EndToEnd.Tests;

/// <summary>
/// The props/targets from the source tree, evaluated and run by the real <c>dotnet msbuild</c> in a project without
/// an SDK (no restore): defaults, aliases and the VolSyncPublish wiring, with the task built next to the tests. Its
/// Publish target only prints the SDK's "&lt;project&gt; -&gt; &lt;folder&gt;" line, so the after-publish hook can be
/// driven case by case for the cost of an evaluation.
/// </summary>
public sealed partial class TargetsTests : IAsyncLifetime
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
              <!-- Stands in for the SDK's Publish: the same "<project> -> <folder>" line, then VolSync's hook runs. -->
              <Target Name="Publish">
                <Message Importance="high" Text="$(MSBuildProjectName) -> $(PublishDir)" />
              </Target>
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

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("YES")]
    [InlineData("On")]
    public async Task VolSyncEnabled_on_in_any_spelling_syncs_after_publish(string value)
    {
        var run = await PublishAsync("-p:VolSyncEnabled=" + value);

        Assert.True(run.ExitCode == 0, run.ToString());
        // The console logger at its default verbosity shows the one summary line.
        Assert.Matches(SummaryLine(), run.Output);
        var stored = Directory.GetFiles(Path.Combine(_dir, "remote", "Volumes", "main", "default", "apps")).Select(Path.GetFileName);
        Assert.Matches("^app_[0-9a-f]{16}\\.dll$", Assert.Single(stored));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("No")]
    [InlineData("OFF")]
    [InlineData("")]
    public async Task VolSyncEnabled_off_in_any_spelling_publishes_without_a_sync(string value)
    {
        var run = await PublishAsync("-p:VolSyncEnabled=" + value);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("t -> ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("VolSync", run.Output, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests.Snapshot());
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("2")]
    [InlineData("enabled")]
    public async Task VolSyncEnabled_neither_on_nor_off_is_a_coded_error_not_a_silent_skip(string value)
    {
        var run = await PublishAsync("-p:VolSyncEnabled=" + value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error VOLSYNC2250: " + DiagnosticCodes.EnabledInvalid.Format(value), run.Output, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests.Snapshot());
    }

    [Fact]
    public async Task A_long_sync_shows_progress_at_the_console_loggers_default_verbosity()
    {
        // Three uploads one at a time, each request held 2 s by the emulator: more than one 5 s interval of uploading.
        for (var i = 0; i < 2; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(_dir, "pub", $"extra{i}.txt"), "x" + i);
        }

        _emulator.Options.LatencyMs = 2000;

        var run = await PublishAsync("-p:VolSyncEnabled=true", "-p:VolSyncMaxConcurrentUploads=1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^\s*VolSync: uploading [0-2]/3 files, [0-9.]+ B of [0-9]+ B, (?:[0-9.]+ files/s|-), (?:[0-9.]+ B/s|-), (?:[0-9]+ s|-) left$", run.Output);
        Assert.Matches(@"(?m)^\s*t -> /Volumes/main/default/apps \(VolSync: 3 uploaded, ", run.Output);
    }

    [GeneratedRegex(@"(?m)^\s*t -> /Volumes/main/default/apps \(VolSync: 1 uploaded, 0 skipped, 0 failed, 3 B in [0-9.]+ s, new release [0-9T]+Z-[0-9a-f]{8}\)$")]
    private static partial Regex SummaryLine();

    /// <summary>A redirected publish, console logger at its default (minimal) verbosity, as in CI.</summary>
    private Task<DotNetResult> PublishAsync(params string[] properties) =>
        MSBuildAsync(["-t:Publish", "-p:VolSyncVolumePath=/Volumes/main/default/apps", "-p:VolSyncCreateVolume=true", .. properties]);

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
