namespace VolSync.Ci.Tests.Infrastructure;

/// <summary>Locations in the repository the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ActionDirectory => Root;

    public static string AzurePipelinesTemplate => Path.Combine(Root, "ci", "azure-pipelines", "volsync.yml");

    public static string GitLabExample => Path.Combine(Root, "ci", "gitlab", "volsync.gitlab-ci.yml");

    public static string CliProject => Path.Combine(Root, "src", "VolSync.Cli", "VolSync.Cli.csproj");

    /// <summary>The configuration these tests were built in (bin/&lt;Configuration&gt;/&lt;tfm&gt;/), which the tool was built in too.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VolSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VolSync.sln not found above " + AppContext.BaseDirectory);
    }
}
