namespace VolSync.EndToEnd.Tests.Infrastructure;

/// <summary>Locations in the repository the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string BuildProject => Path.Combine(Root, "src", "VolSync.Build", "VolSync.Build.csproj");

    /// <summary>Where logs of failed runs are kept (binlogs, build output).</summary>
    public static string FailureLogs => Path.Combine(Root, "artifacts", "test-results", "e2e-failures");

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
