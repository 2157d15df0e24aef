using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using VolSync.Emulator;
using VolSync.EndToEnd.Tests.Infrastructure;

namespace VolSync.EndToEnd.Tests;

/// <summary>
/// The VolSync.Core library package as a user meets it: packed by the real <c>dotnet pack</c> into a folder feed,
/// its exact file list and single dependency, and the package README's sample compiled and run from a fresh console
/// project against the emulator.
/// </summary>
public sealed partial class LibraryPackageTests : IAsyncLifetime
{
    private const string Token = "library-token";

    private readonly string _root = Directory.CreateTempSubdirectory("volsync-lib-").FullName;
    private readonly string _version = "0.0.0-lib" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
    private DotNetResult _pack = null!;
    private EmulatorServer _emulator = null!;

    private string Feed => Path.Combine(_root, "feed");

    private string PackagePath => Path.Combine(Feed, $"VolSync.Core.{_version}.nupkg");

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        _pack = await DotNetRunner.RunAsync(
            RepoPaths.Root,
            ["pack", Path.Combine(RepoPaths.Root, "src", "VolSync.Core", "VolSync.Core.csproj"), "-c", "Release", "-o", Feed, "-p:Version=" + _version, "-nodeReuse:false", "-nologo", "-v:q"],
            new Dictionary<string, string>(),
            TimeSpan.FromMinutes(5));
        var remote = Directory.CreateDirectory(Path.Combine(_root, "remote")).FullName;
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = remote, RequiredToken = Token });
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Package_holds_the_library_its_docs_readme_and_license_and_depends_only_on_globbing()
    {
        Assert.True(_pack.ExitCode == 0 && File.Exists(PackagePath), _pack.ToString());
        using var zip = ZipFile.OpenRead(PackagePath);
        var files = zip.Entries
            .Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/services/", StringComparison.Ordinal) && n != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["LICENSE", "README.md", "VolSync.Core.nuspec", "lib/net8.0/VolSync.Core.dll", "lib/net8.0/VolSync.Core.xml"], files);

        using var stream = zip.GetEntry("VolSync.Core.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        // The public-API analyzer is build-time only: it must not become a dependency of every consumer.
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToArray();
        Assert.Equal(["Microsoft.Extensions.FileSystemGlobbing"], dependencies);
        Assert.Equal("net8.0", nuspec.Descendants().Single(e => e.Name.LocalName == "group").Attribute("targetFramework")!.Value);
    }

    [Fact]
    public async Task The_package_readme_sample_compiles_and_syncs_against_the_emulator()
    {
        Assert.True(_pack.ExitCode == 0 && File.Exists(PackagePath), _pack.ToString());
        var project = Directory.CreateDirectory(Path.Combine(_root, "consumer")).FullName;
        var publish = Directory.CreateDirectory(Path.Combine(project, "bin", "Release", "net8.0", "publish")).FullName;
        File.WriteAllText(Path.Combine(publish, "App.dll"), "not really a dll");
        File.WriteAllText(Path.Combine(publish, "App.deps.json"), "{}");
        File.WriteAllText(Path.Combine(publish, "App.pdb"), "excluded by the sample");

        // The sample as the README shows it, with only the profile swapped for environment variables (the test has
        // no ~/.databrickscfg): a README that drifts from the API fails to compile here.
        using (var readme = ZipFile.OpenRead(PackagePath).GetEntry("README.md")!.Open())
        {
            var text = await new StreamReader(readme).ReadToEndAsync();
            var sample = CSharpBlock().Match(text.Replace("\r\n", "\n", StringComparison.Ordinal)).Groups["code"].Value;
            Assert.Contains("new AuthSettings { Profile = \"dev\" }", sample, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(project, "Program.cs"), sample.Replace("new AuthSettings { Profile = \"dev\" }", "new AuthSettings()", StringComparison.Ordinal));
        }

        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="volsync-library-feed" value="{Feed}" />
                <add key="machine-packages" value="{MachinePackages()}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(project, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(project, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(project, "consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="VolSync.Core" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);

        await CreateVolumeAsync("apps");
        var run = await DotNetRunner.RunAsync(
            project,
            ["run", "--project", "consumer.csproj", "-nodeReuse:false"],
            new Dictionary<string, string>
            {
                ["DATABRICKS_HOST"] = _emulator.BaseUri.ToString(),
                ["DATABRICKS_TOKEN"] = Token,
                ["NUGET_PACKAGES"] = Path.Combine(_root, "packages"),
            },
            TimeSpan.FromMinutes(5));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2 uploaded, 0 skipped, 0 failed, release ", run.Output, StringComparison.Ordinal);
        var stored = Directory.EnumerateFiles(Path.Combine(_emulator.Options.RootDirectory, "Volumes", "main", "default", "apps", "myapp", "1.0.0"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(2, stored.Length);
        Assert.Matches(@"^App\.deps_[0-9a-f]{16}\.json$", stored[0]);
        Assert.Matches(@"^App_[0-9a-f]{16}\.dll$", stored[1]);
    }

    /// <summary>
    /// The packages this machine already restored (the library's own dependency among them), as a local feed, so the
    /// consumer restores offline; the user's configured sources still apply after it.
    /// </summary>
    private static string MachinePackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private async Task CreateVolumeAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = _emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using var response = await http.PostAsync(
            "/api/2.1/unity-catalog/volumes",
            new StringContent($$"""{"catalog_name":"main","schema_name":"default","name":"{{name}}","volume_type":"MANAGED"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
