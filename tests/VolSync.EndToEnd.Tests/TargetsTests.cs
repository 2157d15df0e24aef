using System.Globalization;
using System.Text.RegularExpressions;
using VolSync.Emulator;
using VolSync.EndToEnd.Tests.Infrastructure;

namespace VolSync.EndToEnd.Tests;

/// <summary>
/// The packed build logic (props, targets and task, unzipped as NuGet lays them out) imported by a minimal project
/// whose Publish target only prints the SDK's "&lt;project&gt; -&gt; &lt;folder&gt;" line: each run costs an
/// evaluation, not a restore and a compile, so the targets' rules can be driven case by case.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed partial class TargetsTests : IAsyncLifetime
{
    private const string Token = "dapi-TARGETS-4c2e";
    private const string VolumePath = "/Volumes/main/default/apps";

    private readonly PackedPackageFixture _package;
    private EmulatorServer _emulator = null!;
    private string _root = null!;

    public TargetsTests(PackedPackageFixture package)
    {
        _package = package;
    }

    [GeneratedRegex(@"^\s*app -> /Volumes/main/default/apps/(?<sub>[a-z0-9-]+) \(VolSync: 2 uploaded, 0 skipped, 0 failed, [0-9.]+ B in [0-9.]+ s, release [0-9T]+Z-[0-9a-f]{8}\)$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    public async Task InitializeAsync()
    {
        _root = Path.Combine(_package.Root, "targets-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(_root, "remote"));
        Directory.CreateDirectory(Path.Combine(_root, "app", "publish", "sub"));
        await File.WriteAllTextAsync(Path.Combine(_root, "app", "publish", "app.dll"), "dll");
        await File.WriteAllTextAsync(Path.Combine(_root, "app", "publish", "sub", "data.json"), "{}");
        var package = _package.ExtractedPackage;
        await File.WriteAllTextAsync(Path.Combine(_root, "app", "app.proj"), $"""
            <Project>
              <Import Project="{package}/build/VolSync.Build.props" />
              <PropertyGroup>
                <PublishDir>$(MSBuildProjectDirectory)/publish/</PublishDir>
                <VolSyncVolumePath>{VolumePath}</VolSyncVolumePath>
                <VolSyncCreateVolume>true</VolSyncCreateVolume>
              </PropertyGroup>
              <!-- Stands in for the SDK's Publish: the same "<project> -> <folder>" line, then VolSync's hook runs. -->
              <Target Name="Publish">
                <Message Importance="high" Text="$(MSBuildProjectName) -> $(PublishDir)" />
              </Target>
              <Import Project="{package}/build/VolSync.Build.targets" />
            </Project>
            """);
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = Path.Combine(_root, "remote"), RequiredToken = Token });
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("YES")]
    [InlineData("On")]
    public async Task VolSyncEnabled_on_in_any_spelling_syncs_after_publish(string value)
    {
        var run = await PublishAsync("-p:VolSyncEnabled=" + value, "-p:VolSyncRemotePath=on");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("on", SummaryLine().Match(run.Output).Groups["sub"].Value);
        var remote = Path.Combine(_root, "remote", "Volumes", "main", "default", "apps", "on");
        Assert.Equal(2, Directory.GetFiles(remote, "*", SearchOption.AllDirectories).Count(f => !Path.GetRelativePath(remote, f).StartsWith(".volsync", StringComparison.Ordinal)));
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
        Assert.Contains("app -> ", run.Output, StringComparison.Ordinal);
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
        Assert.Contains($"error VOLSYNC2250: VolSyncEnabled is '{value}'", run.Output, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests.Snapshot());
    }

    [Fact]
    public async Task A_long_sync_shows_progress_at_the_console_loggers_default_verbosity()
    {
        // Four uploads one at a time, each request held 2 s: more than one 5 s interval of uploading.
        for (var i = 0; i < 2; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(_root, "app", "publish", $"extra{i}.txt"), "x" + i);
        }

        _emulator.Options.LatencyMs = 2000;

        var run = await PublishAsync("-p:VolSyncEnabled=true", "-p:VolSyncRemotePath=slow", "-p:VolSyncMaxConcurrentUploads=1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^\s*VolSync: uploading [0-3]/4 files, [0-9.]+ B of [0-9]+ B, (?:[0-9.]+ files/s|-), (?:[0-9.]+ B/s|-), (?:[0-9]+ s|-) left$", run.Output);
        Assert.Matches(@"(?m)^\s*app -> /Volumes/main/default/apps/slow \(VolSync: 4 uploaded, ", run.Output);
    }

    /// <summary>A redirected build, console logger at its default (minimal) verbosity, as in CI.</summary>
    private Task<DotNetResult> PublishAsync(params string[] properties) =>
        DotNetRunner.RunAsync(
            Path.Combine(_root, "app"),
            ["msbuild", "app.proj", "-t:Publish", "-nodeReuse:false", "-tl:off", "-nologo", .. properties],
            new Dictionary<string, string>
            {
                ["DATABRICKS_HOST"] = _emulator.BaseUri.ToString(),
                ["DATABRICKS_TOKEN"] = Token,
                ["DATABRICKS_CONFIG_FILE"] = Path.Combine(_root, "no-databrickscfg"),
                ["NUGET_PACKAGES"] = _package.PackagesFolder,
            });
}
