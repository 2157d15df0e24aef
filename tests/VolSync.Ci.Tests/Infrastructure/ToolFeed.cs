using System.Diagnostics;
using System.Globalization;

namespace VolSync.Ci.Tests.Infrastructure;

/// <summary>
/// VolSync.Cli packed once per test run into a folder feed, from the build these tests run against (no rebuild),
/// with a version no earlier run used, so <c>dotnet tool update --version</c> installs exactly this build.
/// </summary>
public sealed class ToolFeed : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("volsync-ci-").FullName;

    public string Version { get; } = "0.0.0-ci." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>One runner temp folder for the run: the installed tool is reused by every job, as on a warm runner.</summary>
    public string RunnerTemp => Path.Combine(Root, "runner-temp");

    private string? _packOutput;
    private int _exitCode = -1;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(RunnerTemp);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", RepoPaths.CliProject, "-c", RepoPaths.Configuration, "--no-build", "-o", Feed, "-p:PackageVersion=" + Version, "-nologo", "-v:q", "-nodeReuse:false" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        _exitCode = process.ExitCode;
        _packOutput = await stdout + await stderr;
    }

    /// <summary>Fails the calling test with the pack output when the package is not there.</summary>
    public void EnsurePacked() =>
        Assert.True(_exitCode == 0 && File.Exists(Path.Combine(Feed, $"VolSync.Cli.{Version}.nupkg")), $"dotnet pack failed (exit {_exitCode}):\n{_packOutput}");

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ToolFeedCollection : ICollectionFixture<ToolFeed>
{
    public const string Name = "VolSync.Cli package";
}
