using System.ComponentModel;
using System.Diagnostics;

namespace VolSync.Releases;

/// <summary>
/// Fills the parts of a <see cref="ReleaseSource"/> the host did not give: the commit from the usual CI variables,
/// else <c>git rev-parse HEAD</c> in the synced folder (bounded in time; any failure just means no commit), and the
/// CI system. Never throws: a release is still written when nothing can be found out.
/// </summary>
internal static class ReleaseSourceDetector
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(3);

    private static readonly string[] CommitVariables = ["GITHUB_SHA", "BUILD_SOURCEVERSION", "CI_COMMIT_SHA"];

    public static ReleaseSource Complete(ReleaseSource? given, string workingDirectory, Func<string, string?>? environment = null, Func<string, string?>? git = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        git ??= GitHead;
        var source = given ?? new ReleaseSource();
        var commit = source.Commit ?? CommitFromEnvironment(environment) ?? git(workingDirectory);
        return source with { Commit = commit, Ci = source.Ci ?? CiSystem(environment) };
    }

    private static string? CommitFromEnvironment(Func<string, string?> environment) =>
        CommitVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    internal static string? CiSystem(Func<string, string?> environment)
    {
        if (string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return "github-actions";
        }

        if (!string.IsNullOrEmpty(environment("TF_BUILD")))
        {
            return "azure-pipelines";
        }

        if (!string.IsNullOrEmpty(environment("GITLAB_CI")))
        {
            return "gitlab-ci";
        }

        if (!string.IsNullOrEmpty(environment("JENKINS_URL")))
        {
            return "jenkins";
        }

        var ci = environment("CI");
        return !string.IsNullOrEmpty(ci) && !string.Equals(ci, "false", StringComparison.OrdinalIgnoreCase) && ci != "0" ? "ci" : null;
    }

    /// <summary>The commit checked out around <paramref name="directory"/>, or null (no git, not a repository, too slow).</summary>
    internal static string? GitHead(string directory)
    {
        try
        {
            using var process = new Process
            {
                StartInfo = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
                {
                    WorkingDirectory = directory,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    RedirectStandardInput = true,
                    UseShellExecute = false,
                    CreateNoWindow = true,
                },
            };
            process.StartInfo.Environment["GIT_TERMINAL_PROMPT"] = "0";
            process.Start();
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(GitTimeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            var head = output.Wait(GitTimeout) ? output.Result.Trim() : string.Empty;
            return process.ExitCode == 0 && head.Length is 40 or 64 && head.All(Uri.IsHexDigit) ? head.ToLowerInvariant() : null;
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return null;
        }
    }
}
