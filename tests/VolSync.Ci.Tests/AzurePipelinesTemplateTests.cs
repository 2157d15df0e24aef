using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using VolSync.Ci.Tests.Infrastructure;
using VolSync.Emulator;

namespace VolSync.Ci.Tests;

/// <summary>
/// <c>ci/azure-pipelines/volsync.yml</c>: parsed and expanded as the service would, then its upload step run with
/// bash against the emulator, as <c>Bash@3</c> or as <c>AzureCLI@2</c> would run it (with the service connection's
/// variables, or a logged-in <c>az</c>), through the emulator's Entra ID stand-in.
/// </summary>
[Collection(ToolFeedCollection.Name)]
public sealed partial class AzurePipelinesTemplateTests
{
    private readonly ToolFeed _feed;
    private readonly AzurePipelinesTemplate _template = new(RepoPaths.AzurePipelinesTemplate);

    public AzurePipelinesTemplateTests(ToolFeed feed)
    {
        _feed = feed;
    }

    private Dictionary<string, object> Arguments(CiEmulator emulator, string auth, string remotePath) => new()
    {
        ["path"] = emulator.Publish,
        ["volumePath"] = CiEmulator.VolumePath,
        ["remotePath"] = remotePath,
        ["host"] = emulator.Host,
        ["auth"] = auth,
        ["azureSubscription"] = auth == "environment" ? string.Empty : "my-arm-connection",
        ["patterns"] = new List<string> { "*.dll", "*.json" },
        ["version"] = _feed.Version,
        ["toolSource"] = _feed.Feed,
    };

    /// <summary>Runs the upload step as the agent would: the step's env, the agent's variables, and what the task adds.</summary>
    private static async Task<(ShellResult Result, Dictionary<string, string> Outputs)> RunUploadStepAsync(PipelineStep step, Dictionary<string, string> taskEnvironment, string work)
    {
        var script = step.Bash ?? step.Inputs["inlineScript"];
        var environment = new Dictionary<string, string>(step.Env)
        {
            ["AGENT_TEMPDIRECTORY"] = Path.Combine(work, "agent-temp"),
            ["TF_BUILD"] = "True",
        };
        Directory.CreateDirectory(environment["AGENT_TEMPDIRECTORY"]);
        foreach (var (name, value) in taskEnvironment)
        {
            environment[name] = value;
        }

        var result = await ShellRun.RunAsync(script, ["--noprofile", "--norc"], environment, work, Path.Combine(work, "scripts"));
        return (result, AzurePipelinesTemplate.OutputVariables(result.StdOut));
    }

    [Fact]
    public void Every_expression_names_a_parameter_and_the_script_has_no_agent_macros()
    {
        var names = _template.Parameters.Select(p => p.Name).ToHashSet();
        foreach (var expression in _template.Expressions)
        {
            foreach (Match reference in ParameterReference().Matches(expression))
            {
                Assert.Contains(reference.Groups[1].Value, names);
            }
        }

        Assert.All(names.Where(n => n != "uploadScript"), name => Assert.Contains(_template.Expressions, e => e.Contains("parameters." + name, StringComparison.Ordinal)));
        var script = (string)_template.Parameters.Single(p => p.Name == "uploadScript").Default!;
        // The agent replaces $(name) before bash runs: the script must not contain that form.
        Assert.DoesNotMatch(AgentMacro(), script);
        Assert.Equal(["azure-cli", "azure-client-secret", "environment"], _template.Parameters.Single(p => p.Name == "auth").Values);
    }

    [Theory]
    [InlineData("environment", "Bash")]
    [InlineData("azure-cli", "AzureCLI@2")]
    [InlineData("azure-client-secret", "AzureCLI@2")]
    public void Each_auth_mode_expands_to_the_right_steps(string auth, string kind)
    {
        var steps = _template.Expand(new Dictionary<string, object> { ["path"] = "p", ["volumePath"] = "/Volumes/a/b/c", ["auth"] = auth, ["azureSubscription"] = "conn" });

        Assert.Equal(2, steps.Count);
        Assert.Equal("UseDotNet@2", steps[0].Task);
        Assert.Equal("8.x", steps[0].Inputs["version"]);
        var upload = steps[1];
        Assert.Equal("volsync", upload.Properties["name"]);
        Assert.Equal(auth, upload.Env["VOLSYNC_AUTH"]);
        if (kind == "Bash")
        {
            Assert.NotNull(upload.Bash);
        }
        else
        {
            Assert.Equal(kind, upload.Task);
            Assert.Equal("conn", upload.Inputs["azureSubscription"]);
            Assert.Equal("bash", upload.Inputs["scriptType"]);
            Assert.Equal("inlineScript", upload.Inputs["scriptLocation"]);
            Assert.Equal(auth == "azure-client-secret" ? "True" : "False", upload.Inputs["addSpnToEnvironment"]);
        }
    }

    [Fact]
    public void Without_a_dotnet_version_no_sdk_is_installed()
    {
        var steps = _template.Expand(new Dictionary<string, object> { ["path"] = "p", ["volumePath"] = "/Volumes/a/b/c", ["auth"] = "environment", ["dotnetVersion"] = string.Empty });

        Assert.Single(steps);
    }

    [Fact]
    public async Task The_script_is_valid_bash()
    {
        var script = (string)_template.Parameters.Single(p => p.Name == "uploadScript").Default!;
        var work = Directory.CreateTempSubdirectory("volsync-azp-").FullName;
        var check = await ShellRun.RunAsync(script, ["-n"], new Dictionary<string, string>(), work, work);
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task Environment_auth_uploads_with_the_jobs_credentials_and_sets_output_variables()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = "dapi-pipeline" });
        var arguments = Arguments(emulator, "environment", "env");
        arguments["databricksToken"] = "dapi-pipeline";
        var upload = _template.Expand(arguments)[^1];

        var (result, outputs) = await RunUploadStepAsync(upload, [], emulator.Root);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("0", outputs["exitCode"]);
        Assert.Equal("2", outputs["uploaded"]);
        Assert.Equal(CiEmulator.VolumePath + "/env", outputs["remoteRoot"]);
        Assert.NotEmpty(outputs["releaseId"]);
        Assert.Equal("true", outputs["releaseCreated"]);
        Assert.Equal($"{CiEmulator.VolumePath}/env/.volsync/releases/{outputs["releaseId"]}.json", outputs["manifestPath"]);
        Assert.True(emulator.RemoteFileExists(outputs["manifestPath"]));
        Assert.Contains("##vso[task.uploadsummary]", result.StdOut);
        Assert.Equal(2, emulator.RemoteFiles(CiEmulator.VolumePath + "/env").Count);
    }

    [Fact]
    public async Task Create_volume_and_original_naming_reach_the_tool()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = "dapi-pipeline" });
        var arguments = Arguments(emulator, "environment", "app");
        arguments["databricksToken"] = "dapi-pipeline";
        arguments["volumePath"] = "/Volumes/main/default/fresh";
        arguments["createVolume"] = true;
        arguments["naming"] = "original";
        var upload = _template.Expand(arguments)[^1];

        var (result, _) = await RunUploadStepAsync(upload, [], emulator.Root);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["app.dll", "app.json"], emulator.RemoteFiles("/Volumes/main/default/fresh/app"));
    }

    [Fact]
    public async Task Azure_client_secret_auth_uses_the_service_connections_principal()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root =>
        {
            var options = new EmulatorOptions { RootDirectory = root, RequiredToken = "no-pat-accepted" };
            options.AzureClients["spn-pipeline"] = "spn-secret-pipeline";
            return options;
        });
        var upload = _template.Expand(Arguments(emulator, "azure-client-secret", "spn"))[^1];

        // What AzureCLI@2 puts into the script's environment with addSpnToEnvironment: true.
        var (result, outputs) = await RunUploadStepAsync(upload, new()
        {
            ["servicePrincipalId"] = "spn-pipeline",
            ["servicePrincipalKey"] = "spn-secret-pipeline",
            ["tenantId"] = emulator.Server.Options.AzureTenantId,
            ["AZURE_AUTHORITY_HOST"] = emulator.Server.EntraAuthority.AbsoluteUri,
        }, emulator.Root);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2", outputs["uploaded"]);
        Assert.Contains(emulator.Server.Requests.Snapshot(), r => r.Path.StartsWith("/entra/", StringComparison.Ordinal) && r.Status == 200);
        Assert.DoesNotContain("spn-secret-pipeline", result.AllOutput);
    }

    [Fact]
    public async Task Azure_cli_auth_uses_the_logged_in_az_of_the_task()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root =>
        {
            var options = new EmulatorOptions { RootDirectory = root, RequiredToken = "no-pat-accepted" };
            options.AzureClients["spn-pipeline"] = "spn-secret-pipeline";
            return options;
        });
        var bin = Path.Combine(emulator.Root, "az-bin");
        FakeAz.Write(bin, await EntraTokenAsync(emulator));
        var upload = _template.Expand(Arguments(emulator, "azure-cli", "cli"))[^1];

        var (result, outputs) = await RunUploadStepAsync(upload, new() { ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") }, emulator.Root);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2", outputs["uploaded"]);
        // The tenant came from the workspace's login redirect and was passed on to az.
        Assert.Contains("--tenant " + emulator.Server.Options.AzureTenantId, File.ReadAllText(Path.Combine(bin, "az-args.txt")));
    }

    [Fact]
    public async Task A_failure_is_the_steps_exit_code_and_a_logged_issue()
    {
        _feed.EnsurePacked();
        await using var emulator = await CiEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = "dapi-pipeline" });
        var arguments = Arguments(emulator, "environment", "fails");
        arguments["databricksToken"] = "dapi-wrong";
        var upload = _template.Expand(arguments)[^1];

        var (result, outputs) = await RunUploadStepAsync(upload, [], emulator.Root);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("2", outputs["exitCode"]);
        Assert.Matches(@"##vso\[task\.logissue type=error;code=VOLSYNC1\d{3}\]", result.StdOut);
    }

    private static async Task<string> EntraTokenAsync(CiEmulator emulator)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(
            new Uri(emulator.Server.BaseUri, $"/entra/{emulator.Server.Options.AzureTenantId}/oauth2/v2.0/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "spn-pipeline",
                ["client_secret"] = "spn-secret-pipeline",
                ["scope"] = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default",
            }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    [GeneratedRegex(@"parameters\.([A-Za-z0-9_]+)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"\$\([A-Za-z_][A-Za-z0-9_.]*\)")]
    private static partial Regex AgentMacro();
}

/// <summary>A logged-in Azure CLI stand-in: answers <c>az account get-access-token</c> with a fixed token and records its arguments.</summary>
internal static class FakeAz
{
    public static void Write(string directory, string accessToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "az");
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        File.WriteAllText(path, $$"""
            #!/usr/bin/env bash
            echo "$*" >> "$(dirname "$0")/az-args.txt"
            echo '{"accessToken":"{{accessToken}}","expires_on":{{expires}},"tokenType":"Bearer"}'
            """ + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
