namespace VolSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A console app in a temp folder that consumes the packed VolSync.Build, isolated from this repository the way a
/// user's project would be: its own nuget.config (only the test feed), empty Directory.Build.props/.targets and
/// Directory.Packages.props so the repository's central settings stop at its door.
/// </summary>
public sealed class ConsumerProject
{
    public const string Name = "hello";

    public ConsumerProject(PackedPackageFixture package)
    {
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(package.Root, "projects", Guid.NewGuid().ToString("N")[..8])).FullName;
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="volsync-test-feed" value="{package.Feed}" />
              </packageSources>
            </configuration>
            """);
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Build.targets", "<Project />");
        Write("Directory.Packages.props", "<Project />");
        Write(Name + ".csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="VolSync.Build" Version="{package.Version}" PrivateAssets="all" />
              </ItemGroup>
              <!-- What a later step of a user's build can use: the release the sync recorded. -->
              <Target Name="ShowRelease" AfterTargets="VolSyncPublish">
                <Message Importance="high" Text="release-id=$(VolSyncReleaseId) manifest=$(VolSyncManifestPath)" />
              </Target>
            </Project>
            """);
        WriteProgram("Hello from VolSync!");
    }

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    /// <summary>The default publish folder: `dotnet publish` builds Release since .NET 8; framework-dependent, no runtime identifier.</summary>
    public string PublishDirectory => Path.Combine(Directory, "bin", "Release", "net10.0", "publish");

    public void WriteProgram(string greeting) => Write("Program.cs", $"Console.WriteLine(\"{greeting}\");\n");

    private void Write(string relativePath, string content) => File.WriteAllText(Path.Combine(Directory, relativePath), content);
}
