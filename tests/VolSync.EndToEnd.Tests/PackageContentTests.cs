using System.IO.Compression;
using System.Xml.Linq;
using VolSync.EndToEnd.Tests.Infrastructure;

namespace VolSync.EndToEnd.Tests;

/// <summary>The shape of the VolSync.Build package: exactly the task, its private dependencies and the build logic.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PackageContentTests
{
    private readonly PackedPackageFixture _package;

    public PackageContentTests(PackedPackageFixture package)
    {
        _package = package;
    }

    [Fact]
    public void Package_holds_exactly_the_task_its_dependencies_and_the_build_logic()
    {
        _package.EnsurePacked();
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var files = zip.Entries
            .Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal)
                && !n.StartsWith("package/services/", StringComparison.Ordinal)
                && n != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)
            .ToArray();

        string[] expected =
        [
            "LICENSE",
            "README.md",
            "VolSync.Build.nuspec",
            "build/VolSync.Build.props",
            "build/VolSync.Build.targets",
            "tasks/net8.0/Microsoft.Extensions.FileSystemGlobbing.dll",
            "tasks/net8.0/VolSync.Build.deps.json",
            "tasks/net8.0/VolSync.Build.dll",
            "tasks/net8.0/VolSync.Core.dll",
        ];
        Assert.Equal(expected, files);
    }

    [Fact]
    public void Nuspec_declares_no_dependencies_and_is_a_development_dependency()
    {
        _package.EnsurePacked();
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        using var stream = zip.GetEntry("VolSync.Build.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        Assert.Equal("VolSync.Build", metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.Equal(_package.Version, metadata.Elements().Single(e => e.Name.LocalName == "version").Value);
        Assert.Equal("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName is "dependencies" or "dependency" or "group" or "frameworkAssemblies" or "references");
    }

    [Fact]
    public void Build_logic_never_reads_the_token_variable()
    {
        _package.EnsurePacked();
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("build/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var text = reader.ReadToEnd();
            // Reading $(DATABRICKS_...) at evaluation would record the variable, and so the secret, in binlogs.
            Assert.DoesNotContain("$(DATABRICKS_", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("GetEnvironmentVariable", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
