using System.Globalization;

namespace VolSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs VolSync.Build once per test run into a folder feed, with a version no earlier run used: NuGet caches
/// a package by id and version, so reusing one would test a stale package. One packages folder is shared by
/// every project of the run (safe because the version is unique) so each restore does not start cold.
/// </summary>
public sealed class PackedPackageFixture : IAsyncLifetime
{
    private readonly object _extractGate = new();

    public string Root { get; } = Directory.CreateTempSubdirectory("volsync-e2e-").FullName;

    public string Version { get; } = "0.0.0-t" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);

    public string Feed => Path.Combine(Root, "feed");

    public string PackagesFolder => Path.Combine(Root, "packages");

    public string PackagePath => Path.Combine(Feed, $"VolSync.Build.{Version}.nupkg");

    public DotNetResult? PackResult { get; private set; }

    /// <summary>The package unzipped, as NuGet lays it out under the packages folder: <c>build/</c> and <c>tasks/</c>.</summary>
    public string ExtractedPackage
    {
        get
        {
            EnsurePacked();
            lock (_extractGate)
            {
                var target = Path.Combine(Root, "extracted");
                if (!Directory.Exists(target))
                {
                    System.IO.Compression.ZipFile.ExtractToDirectory(PackagePath, target + ".tmp");
                    Directory.Move(target + ".tmp", target);
                }

                return target;
            }
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(PackagesFolder);
        PackResult = await DotNetRunner.RunAsync(
            RepoPaths.Root,
            ["pack", RepoPaths.BuildProject, "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nodeReuse:false", "-nologo", "-v:q"],
            new Dictionary<string, string>(),
            TimeSpan.FromMinutes(5));
    }

    /// <summary>Fails the calling test with the pack output when packing did not produce the package.</summary>
    public void EnsurePacked()
    {
        Assert.True(PackResult is { ExitCode: 0 } && File.Exists(PackagePath), $"dotnet pack failed:{Environment.NewLine}{PackResult}");
    }

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
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackageFixture>
{
    public const string Name = "VolSync.Build package";
}
