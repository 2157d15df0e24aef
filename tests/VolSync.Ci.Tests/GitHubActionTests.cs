using System.Globalization;
using System.Text.RegularExpressions;
using VolSync.Ci.Tests.Infrastructure;
using VolSync.Emulator;

namespace VolSync.Ci.Tests;

/// <summary>
/// The composite action at the repository root, run step by step by a shell harness against the emulator: it
/// installs the packed tool, uploads, sets step outputs and the step summary, and fails with volsync's exit code.
/// </summary>
[Collection(ToolFeedCollection.Name)]
public sealed partial class GitHubActionTests
{
    private readonly ToolFeed _feed;
    private readonly GitHubActionRunner _action = new(RepoPaths.ActionDirectory);
    private static long s_runId = DateTime.UtcNow.Ticks % 1_000_000_000;

    public GitHubActionTests(ToolFeed feed)
    {
        _feed = feed;
    }

    private Dictionary<string, string> Inputs(CiEmulator emulator, string remotePath, params (string Name, string Value)[] more)
    {
        var inputs = new Dictionary<string, string>
        {
            ["path"] = emulator.Publish,
            ["volume-path"] = CiEmulator.VolumePath,
            ["remote-path"] = remotePath,
            ["version"] = _feed.Version,
            ["tool-source"] = _feed.Feed,
        };
        foreach (var (name, value) in more)
        {
            inputs[name] = value;
        }

        return inputs;
    }

    private static Dictionary<string, string> PatJob(CiEmulator emulator, string token = "dapi-action-token") => new()
    {
        ["DATABRICKS_HOST"] = emulator.Host,
        ["DATABRICKS_TOKEN"] = token,
        // The runner's own ~/.databrickscfg must not count.
        ["DATABRICKS_CONFIG_FILE"] = Path.Combine(emulator.Root, "no-databrickscfg"),
    };

    private Task<ActionRun> RunAsync(Dictionary<string, string> inputs, Dictionary<string, string> job, string actionRef = "") =>
        _action.RunAsync(inputs, job, _feed.RunnerTemp, Interlocked.Increment(ref s_runId), actionRef);

    [Fact]
    public void The_action_passes_inputs_through_env_and_references_only_what_exists()
    {
        Assert.All(_action.Steps, step =>
        {
            Assert.Equal("bash", step.Shell);
            Assert.Null(step.Condition);
            // Script injection hardening: no expression is ever expanded into a script.
            Assert.DoesNotContain("${{", step.Run);
        });

        var stepIds = _action.Steps.Select(s => s.Id).ToHashSet();
        foreach (var expression in _action.Expressions)
        {
            var parts = expression.Split('.');
            switch (parts[0])
            {
                case "inputs":
                    Assert.True(_action.Inputs.ContainsKey(parts[1]), $"{expression}: no such input");
                    break;
                case "steps":
                    Assert.Contains(parts[1], stepIds);
                    var step = _action.Steps.Single(s => s.Id == parts[1]);
                    Assert.Contains($"{parts[3]}=", step.Run);
                    break;
            }
        }

        // Every input is used, and documented.
        foreach (var input in _action.Inputs.Keys)
        {
            Assert.Contains("inputs." + input, _action.Expressions);
        }

        string[] documented = ["exit-code", "uploaded", "skipped", "failed", "bytes-uploaded", "remote-root", "release-id", "manifest-path", "release-created", "result-file"];
        Assert.Equal(documented, _action.Outputs.Keys);
    }

    [Fact]
    public async Task A_pat_upload_sets_outputs_and_the_step_summary_and_a_second_run_skips_everything()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync();
        var inputs = Inputs(emulator, "myapp/1.0.0", ("pattern", "*.dll\n  *.json  \n\n"), ("exclude", "docs/**"));

        var first = await RunAsync(inputs, PatJob(emulator));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("0", first.Outputs["exit-code"]);
        Assert.Equal("2", first.Outputs["uploaded"]);
        Assert.Equal("0", first.Outputs["skipped"]);
        Assert.Equal("0", first.Outputs["failed"]);
        Assert.Equal((10 + 7).ToString(CultureInfo.InvariantCulture), first.Outputs["bytes-uploaded"]);
        Assert.Equal(CiEmulator.VolumePath + "/myapp/1.0.0", first.Outputs["remote-root"]);
        Assert.True(File.Exists(first.Outputs["result-file"]), first.ToString());
        Assert.Contains("| `/Volumes/main/default/apps/myapp/1.0.0` | 2 | 0 | 0 | 17 |", first.StepSummary);
        Assert.Equal(2, emulator.RemoteFiles(CiEmulator.VolumePath + "/myapp/1.0.0").Count);
        var release = first.Outputs["release-id"];
        Assert.NotEmpty(release);
        Assert.Equal("true", first.Outputs["release-created"]);
        Assert.Equal($"{CiEmulator.VolumePath}/myapp/1.0.0/.volsync/releases/{release}.json", first.Outputs["manifest-path"]);
        Assert.True(emulator.RemoteFileExists(first.Outputs["manifest-path"]), first.ToString());
        Assert.Contains($"| {release} |", first.StepSummary);

        var second = await RunAsync(inputs, PatJob(emulator));

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("0", second.Outputs["uploaded"]);
        Assert.Equal("2", second.Outputs["skipped"]);
        // Nothing changed: the current release stays, and the step says so.
        Assert.Equal(release, second.Outputs["release-id"]);
        Assert.Equal("false", second.Outputs["release-created"]);
        Assert.Contains($"| {release} (unchanged) |", second.StepSummary);
        Assert.DoesNotContain("dapi-action-token", first.Log + second.Log + first.StepSummary);
    }

    [Fact]
    public async Task A_failed_upload_fails_the_step_with_volsyncs_exit_code_an_annotation_and_a_summary()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = "dapi-the-right-one" });

        var run = await RunAsync(Inputs(emulator, "refused"), PatJob(emulator, "dapi-a-wrong-one"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("2", run.Outputs["exit-code"]);
        Assert.Matches(AnnotationPattern(), run.Log);
        Assert.Matches(@"\*\*Failed\*\* with `VOLSYNC1\d{3}` \(exit 2\)", run.StepSummary);
        Assert.DoesNotContain("dapi-a-wrong-one", run.Log + run.StepSummary);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_says_so()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync();

        var run = await RunAsync(Inputs(emulator, "dry", ("dry-run", "true")), PatJob(emulator));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Dry run: nothing was written.", run.StepSummary);
        Assert.Empty(emulator.RemoteFiles(CiEmulator.VolumePath + "/dry"));
        Assert.Equal(string.Empty, run.Outputs["release-id"]);
        Assert.Equal("false", run.Outputs["release-created"]);
    }

    [Fact]
    public async Task Create_volume_and_original_naming_reach_the_tool()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync();
        const string Fresh = "/Volumes/main/default/fresh";
        var inputs = Inputs(emulator, "app", ("volume-path", Fresh), ("create-volume", "true"), ("naming", "original"));

        var run = await RunAsync(inputs, PatJob(emulator));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["app.dll", "app.json", "docs/readme.md"], emulator.RemoteFiles(Fresh + "/app"));
        Assert.Equal(Fresh + "/app", run.Outputs["remote-root"]);
    }

    [Fact]
    public async Task GitHub_oidc_federation_works_with_id_token_write_and_no_stored_secret()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root =>
        {
            var options = new EmulatorOptions { RootDirectory = root, RequiredToken = "no-pat-accepted" };
            options.OAuthClients["sp-federated"] = "unused";
            return options;
        });
        var job = new Dictionary<string, string>
        {
            ["DATABRICKS_HOST"] = emulator.Host,
            ["DATABRICKS_CLIENT_ID"] = "sp-federated",
            ["DATABRICKS_CONFIG_FILE"] = Path.Combine(emulator.Root, "no-databrickscfg"),
            // What GitHub sets for a job with 'permissions: id-token: write'.
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = emulator.Host + "/github-actions/id-token?api-version=2.0",
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-actions-request-token",
        };

        var run = await RunAsync(Inputs(emulator, "oidc", ("auth-type", "github-oidc"), ("verbose", "true")), job);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("3", run.Outputs["uploaded"]);
        Assert.Contains("[github-oidc]", run.Log);
        Assert.DoesNotContain("gh-actions-request-token", run.Log);
    }

    [Fact]
    public async Task Azure_databricks_through_github_oidc_to_entra_id_needs_no_stored_secret()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root =>
        {
            var options = new EmulatorOptions { RootDirectory = root, RequiredToken = "no-pat-accepted" };
            options.AzureClients["app-federated"] = "no-secret-is-sent";
            return options;
        });
        var job = new Dictionary<string, string>
        {
            ["DATABRICKS_HOST"] = emulator.Host,
            ["ARM_TENANT_ID"] = emulator.Server.Options.AzureTenantId,
            ["ARM_CLIENT_ID"] = "app-federated",
            ["DATABRICKS_CONFIG_FILE"] = Path.Combine(emulator.Root, "no-databrickscfg"),
            // The emulator's Entra ID stand-in in place of login.microsoftonline.com.
            ["AZURE_AUTHORITY_HOST"] = emulator.Server.EntraAuthority.AbsoluteUri,
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = emulator.Host + "/github-actions/id-token?api-version=2.0",
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-actions-request-token-azure",
        };

        var run = await RunAsync(Inputs(emulator, "entra", ("auth-type", "github-oidc-azure")), job);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("3", run.Outputs["uploaded"]);
        var requests = emulator.Server.Requests.Snapshot();
        Assert.Contains(requests, r => r.Path == "/github-actions/id-token" && r.Status == 200);
        Assert.Contains(requests, r => r.Path.StartsWith("/entra/", StringComparison.Ordinal) && r.Status == 200);
        Assert.DoesNotContain("gh-actions-request-token-azure", run.Log + run.StepSummary);
    }

    [Fact]
    public async Task Without_a_version_input_the_action_installs_the_version_of_its_tag()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync();
        var inputs = Inputs(emulator, "tagged");
        inputs.Remove("version");

        var run = await RunAsync(inputs, PatJob(emulator), actionRef: "v" + _feed.Version);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Installing VolSync.Cli {_feed.Version}", run.Log);
    }

    [GeneratedRegex(@"::error title=VOLSYNC1\d{3}::")]
    private static partial Regex AnnotationPattern();
}
