using VolSync.Core.Tests.TestSupport;
using VolSync.Releases;

namespace VolSync.Core.Tests.Releases;

public sealed class ReleaseSourceDetectorTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_commit_comes_from_the_first_ci_variable_in_order_then_git()
    {
        var gitCalls = 0;
        string? Git(string _)
        {
            gitCalls++;
            return "from-git";
        }

        Assert.Equal("gh", ReleaseSourceDetector.Complete(null, ".", Env(("GITHUB_SHA", "gh"), ("BUILD_SOURCEVERSION", "az")), Git).Commit);
        Assert.Equal("az", ReleaseSourceDetector.Complete(null, ".", Env(("BUILD_SOURCEVERSION", "az"), ("CI_COMMIT_SHA", "gl")), Git).Commit);
        Assert.Equal("gl", ReleaseSourceDetector.Complete(null, ".", Env(("CI_COMMIT_SHA", "gl")), Git).Commit);
        Assert.Equal(0, gitCalls);
        Assert.Equal("from-git", ReleaseSourceDetector.Complete(null, ".", Env(), Git).Commit);
        Assert.Equal("given", ReleaseSourceDetector.Complete(new ReleaseSource { Commit = "given" }, ".", Env(("GITHUB_SHA", "gh")), Git).Commit);
    }

    [Fact]
    public void The_ci_system_is_named_and_project_and_configuration_are_kept()
    {
        var source = ReleaseSourceDetector.Complete(new ReleaseSource { Project = "App", Configuration = "Release" }, ".", Env(("GITHUB_ACTIONS", "true")), _ => null);

        Assert.Equal("github-actions", source.Ci);
        Assert.Equal("App", source.Project);
        Assert.Equal("Release", source.Configuration);
        Assert.Equal("azure-pipelines", ReleaseSourceDetector.CiSystem(Env(("TF_BUILD", "True"))));
        Assert.Equal("gitlab-ci", ReleaseSourceDetector.CiSystem(Env(("GITLAB_CI", "true"))));
        Assert.Equal("ci", ReleaseSourceDetector.CiSystem(Env(("CI", "true"))));
        Assert.Null(ReleaseSourceDetector.CiSystem(Env(("CI", "false"))));
        Assert.Null(ReleaseSourceDetector.CiSystem(Env()));
    }

    [Fact]
    public void Git_head_is_read_in_a_repository_and_is_null_outside_one()
    {
        using var dir = new TempDirectory();
        Assert.Null(ReleaseSourceDetector.GitHead(dir.Path));
        Assert.Null(ReleaseSourceDetector.GitHead(dir.Combine("does/not/exist")));

        if (!RunGit(dir.Path, "init", "-q") || !RunGit(dir.Path, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "x"))
        {
            return; // no git on this machine: the null answers above are what matters
        }

        var head = ReleaseSourceDetector.GitHead(dir.Path);
        Assert.NotNull(head);
        Assert.Matches("^[0-9a-f]{40}([0-9a-f]{24})?$", head);
        Directory.CreateDirectory(dir.Combine("bin/Release/publish"));
        Assert.Equal(head, ReleaseSourceDetector.GitHead(dir.Combine("bin/Release/publish")));
    }

    private static bool RunGit(string directory, params string[] args)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", args) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
