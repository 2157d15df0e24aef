using System.Diagnostics;
using System.Text;

namespace VolSync.Ci.Tests.Infrastructure;

/// <summary>What one script run did.</summary>
public sealed record ShellResult(int ExitCode, string StdOut, string StdErr)
{
    public string AllOutput => StdOut + StdErr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>
/// Runs a CI step's script with bash the way the CI system does, in an environment scrubbed of the test host's CI,
/// Databricks and Azure variables: only PATH, HOME and what the step is given reach it.
/// </summary>
public static class ShellRun
{
    private static readonly string[] s_scrubbedPrefixes =
        ["DATABRICKS_", "ARM_", "AZURE_", "IDENTITY_", "ACTIONS_", "GITHUB_", "RUNNER_", "AGENT_", "SYSTEM_", "BUILD_", "TF_BUILD", "CI", "MSBUILD", "VSTEST", "TESTINGPLATFORM"];

    /// <param name="bashArguments">How the CI system calls bash before the script file, e.g. <c>--noprofile --norc -eo pipefail</c>.</param>
    public static async Task<ShellResult> RunAsync(string script, IReadOnlyList<string> bashArguments, IReadOnlyDictionary<string, string> environment, string workingDirectory, string scriptDirectory)
    {
        Directory.CreateDirectory(scriptDirectory);
        var path = Path.Combine(scriptDirectory, "step-" + Guid.NewGuid().ToString("N") + ".sh");
        await File.WriteAllTextAsync(path, script.ReplaceLineEndings("\n"));

        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in bashArguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(path);
        foreach (var name in info.Environment.Keys.ToList())
        {
            if (s_scrubbedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                info.Environment.Remove(name);
            }
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The step did not finish within 5 minutes.\n{await stdout}\n{await stderr}");
        }

        return new ShellResult(process.ExitCode, await stdout, await stderr);
    }
}
