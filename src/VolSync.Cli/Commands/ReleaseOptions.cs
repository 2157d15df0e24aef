using System.CommandLine;

namespace VolSync.Cli.Commands;

/// <summary>Options the release commands (<c>verify</c>, <c>pull</c>, <c>prune</c>) share.</summary>
internal static class ReleaseOptions
{
    public static Option<string?> ReleaseId(string what) => new("--release")
    {
        Description = $"The release to {what}, e.g. 20250102T030405678Z-1a2b3c4d (default: the latest; see 'volsync releases').",
        HelpName = "id",
    };

    public static Option<int> MaxConcurrent(string what) => new("--max-concurrent")
    {
        Description = $"{what} in flight at once, 1-64 (the Files API allows about 10 concurrent requests).",
        HelpName = "n",
        DefaultValueFactory = _ => 5,
    };
}
