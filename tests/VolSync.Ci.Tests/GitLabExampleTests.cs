using System.Text.RegularExpressions;
using VolSync.Ci.Tests.Infrastructure;
using VolSync.Emulator;
using YamlDotNet.RepresentationModel;

namespace VolSync.Ci.Tests;

/// <summary>
/// <c>ci/gitlab/volsync.gitlab-ci.yml</c>: parsed, and its hidden job's script run as a GitLab runner would (its
/// variables expanded, CI/CD variables in the environment) against the emulator.
/// </summary>
[Collection(ToolFeedCollection.Name)]
public sealed partial class GitLabExampleTests
{
    private readonly ToolFeed _feed;
    private readonly YamlMappingNode _job = Yaml.Load(RepoPaths.GitLabExample).Map(".volsync-upload");

    public GitLabExampleTests(ToolFeed feed)
    {
        _feed = feed;
    }

    [Fact]
    public void The_job_template_has_an_image_a_script_a_dotenv_report_and_a_cache_inside_the_project()
    {
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", _job.Text("image"));
        Assert.NotEmpty(_job.Sequence("script"));
        Assert.Equal("volsync.env", _job.Map("artifacts").Map("reports").Text("dotenv"));
        Assert.Equal("always", _job.Map("artifacts").Text("when"));
        var variables = _job.Map("variables");
        Assert.Equal("$CI_PROJECT_DIR/.volsync-cache", variables.Text("XDG_DATA_HOME"));
        Assert.Contains(".volsync-cache/", _job.Map("cache").Sequence("paths").Select(p => p.Scalar()));
        // Every variable the script reads is declared (with its default) or one GitLab sets.
        var declared = variables.Entries().Select(e => e.Key).ToHashSet();
        foreach (Match used in VariableReference().Matches(Script))
        {
            var name = used.Groups[1].Value;
            Assert.True(declared.Contains(name) || name.StartsWith("CI_", StringComparison.Ordinal) || !name.StartsWith("VOLSYNC_", StringComparison.Ordinal), $"${name} is not declared");
        }
    }

    [Fact]
    public async Task The_job_uploads_and_writes_the_dotenv_report_and_the_hash_cache()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = "dapi-gitlab" });
        var project = emulator.Root;

        var first = await RunJobAsync(emulator, project, "dapi-gitlab");

        Assert.True(first.Result.ExitCode == 0, first.Result.ToString());
        Assert.Equal("0", first.Report["VOLSYNC_EXIT_CODE"]);
        Assert.Equal("3", first.Report["VOLSYNC_UPLOADED"]);
        Assert.Equal("0", first.Report["VOLSYNC_FAILED"]);
        var release = first.Report["VOLSYNC_RELEASE_ID"];
        Assert.NotEmpty(release);
        Assert.Equal("true", first.Report["VOLSYNC_RELEASE_CREATED"]);
        Assert.Equal($"{CiEmulator.VolumePath}/gitlab/.volsync/releases/{release}.json", first.Report["VOLSYNC_MANIFEST_PATH"]);
        Assert.True(emulator.RemoteFileExists(first.Report["VOLSYNC_MANIFEST_PATH"]));
        Assert.True(File.Exists(Path.Combine(project, "volsync-result.json")));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(project, ".volsync-cache"), "*", SearchOption.AllDirectories));

        var second = await RunJobAsync(emulator, project, "dapi-gitlab");
        Assert.Equal("0", second.Report["VOLSYNC_UPLOADED"]);
        Assert.Equal("3", second.Report["VOLSYNC_SKIPPED"]);
        Assert.Equal(release, second.Report["VOLSYNC_RELEASE_ID"]);
        Assert.Equal("false", second.Report["VOLSYNC_RELEASE_CREATED"]);
    }

    [Fact]
    public async Task A_dry_run_reports_no_release_and_writes_nothing()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = "dapi-gitlab" });

        var run = await RunJobAsync(emulator, emulator.Root, "dapi-gitlab", ("VOLSYNC_DRY_RUN", "true"));

        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Equal("0", run.Report["VOLSYNC_UPLOADED"]);
        // The document says null; the report must not turn that into the word.
        Assert.Equal(string.Empty, run.Report["VOLSYNC_RELEASE_ID"]);
        Assert.Equal(string.Empty, run.Report["VOLSYNC_MANIFEST_PATH"]);
        Assert.Empty(emulator.RemoteFiles(CiEmulator.VolumePath + "/gitlab"));
    }

    [Fact]
    public async Task A_failed_upload_fails_the_job_and_still_writes_the_report()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = "dapi-gitlab" });

        var run = await RunJobAsync(emulator, emulator.Root, "dapi-wrong");

        Assert.Equal(2, run.Result.ExitCode);
        Assert.Equal("2", run.Report["VOLSYNC_EXIT_CODE"]);
        Assert.DoesNotContain("dapi-wrong", run.Result.AllOutput);
    }

    private string Script => string.Join('\n', _job.Sequence("script").Select(line => line.Scalar()));

    private async Task<(ShellResult Result, Dictionary<string, string> Report)> RunJobAsync(CiEmulator emulator, string project, string token, params (string Name, string Value)[] jobVariables)
    {
        var predefined = new Dictionary<string, string>
        {
            ["CI"] = "true",
            ["GITLAB_CI"] = "true",
            ["CI_PROJECT_DIR"] = project,
            ["CI_COMMIT_SHA"] = "0123456789abcdef0123456789abcdef01234567",
        };
        // CI/CD variables of the project (masked in real life) and the job's own overrides.
        var ciCd = new Dictionary<string, string>
        {
            ["DATABRICKS_HOST"] = emulator.Host,
            ["DATABRICKS_TOKEN"] = token,
            ["DATABRICKS_CONFIG_FILE"] = Path.Combine(project, "no-databrickscfg"),
        };
        var overrides = new Dictionary<string, string>
        {
            ["VOLSYNC_VERSION"] = _feed.Version,
            ["VOLSYNC_TOOL_SOURCE"] = _feed.Feed,
            ["VOLSYNC_PATH"] = "publish",
            ["VOLSYNC_VOLUME_PATH"] = CiEmulator.VolumePath,
            ["VOLSYNC_REMOTE_PATH"] = "gitlab",
        };
        foreach (var (name, value) in jobVariables)
        {
            overrides[name] = value;
        }

        var environment = new Dictionary<string, string>(predefined);
        foreach (var (name, value) in ciCd)
        {
            environment[name] = value;
        }

        foreach (var (name, value) in _job.Map("variables").Entries())
        {
            environment[name] = overrides.TryGetValue(name, out var given) ? given : Expand(value.Scalar(), environment);
        }

        var result = await ShellRun.RunAsync(Script, ["--noprofile", "--norc", "-eo", "pipefail"], environment, project, Path.Combine(project, ".scripts"));
        var reportFile = Path.Combine(project, "volsync.env");
        var report = File.Exists(reportFile)
            ? File.ReadAllLines(reportFile).Where(l => l.Contains('=', StringComparison.Ordinal)).ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..])
            : [];
        return (result, report);
    }

    /// <summary>GitLab expands <c>$NAME</c> and <c>${NAME}</c> in variable values from the variables defined so far.</summary>
    private static string Expand(string value, IReadOnlyDictionary<string, string> environment) =>
        VariableReference().Replace(value, m => environment.TryGetValue(m.Groups[1].Value, out var v) ? v : string.Empty);

    [GeneratedRegex(@"\$\{?([A-Z_][A-Z0-9_]*)\}?")]
    private static partial Regex VariableReference();
}
