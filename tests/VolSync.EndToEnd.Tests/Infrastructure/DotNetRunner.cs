using System.Diagnostics;
using System.Text;

namespace VolSync.EndToEnd.Tests.Infrastructure;

/// <summary>The outcome of one <c>dotnet</c> invocation.</summary>
public sealed record DotNetResult(int ExitCode, string Output, string CommandLine)
{
    public override string ToString() => $"> {CommandLine}{Environment.NewLine}exit {ExitCode}{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process the way a user's shell would, minus everything that makes
/// builds interfere: node reuse and the build server are off (they would keep an older task DLL loaded), and
/// CI, MSBuild and Databricks variables inherited from the test host are scrubbed.
/// </summary>
public static class DotNetRunner
{
    private static readonly string[] ScrubbedPrefixes = ["DATABRICKS_", "MSBUILD", "MSBuild", "GITHUB_", "BUILD_", "SYSTEM_", "TF_BUILD", "CI", "NUGET_", "DOTNET_HOST_PATH", "VSTEST", "TESTINGPLATFORM"];

    public static Task<DotNetResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null) =>
        RunAsync(workingDirectory, arguments, environment, timeout, terminal: false);

    /// <summary>
    /// Runs <c>dotnet</c> on a pseudo-terminal (<c>script</c>), as in a developer's terminal: the terminal logger is
    /// live there. The output is the raw tty stream, escape codes included (see <see cref="TerminalText"/>).
    /// </summary>
    public static Task<DotNetResult> RunInTerminalAsync(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null) =>
        RunAsync(workingDirectory, arguments, environment, timeout, terminal: true);

    private static async Task<DotNetResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout, bool terminal)
    {
        var startInfo = new ProcessStartInfo(terminal ? "script" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (terminal)
        {
            // -e: the child's exit code; -q: no banner; the typescript file is /dev/null.
            startInfo.ArgumentList.Add("-eqc");
            startInfo.ArgumentList.Add(string.Join(' ', new[] { "exec", "dotnet" }.Concat(arguments).Select(ShellQuote)));
            startInfo.ArgumentList.Add("/dev/null");
            startInfo.Environment["TERM"] = "xterm-256color";
        }
        else
        {
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var name in startInfo.Environment.Keys.ToList())
        {
            if (ScrubbedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                startInfo.Environment.Remove(name);
            }
        }

        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in time.{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new DotNetResult(process.ExitCode, output.ToString(), "dotnet " + string.Join(' ', arguments));
        }
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
