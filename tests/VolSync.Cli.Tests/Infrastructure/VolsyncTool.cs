using System.Diagnostics;
using System.Text;

namespace VolSync.Cli.Tests.Infrastructure;

/// <summary>What one run of the built tool did.</summary>
public sealed record ToolRun(int ExitCode, string StdOut, string StdErr)
{
    public string AllOutput => StdOut + StdErr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>
/// Runs the built <c>volsync</c> tool as a separate process (<c>dotnet volsync.dll</c>), with a scrubbed environment:
/// no inherited DATABRICKS_* or CI variables, and HOME pointing at an empty folder so no real ~/.databrickscfg is read.
/// Output is redirected, which is exactly the "not a terminal" case.
/// </summary>
public sealed class VolsyncTool : IDisposable
{
    private static readonly string[] Scrubbed = ["CI", "NO_COLOR", "TERM", "GITHUB_ACTIONS", "TF_BUILD"];

    private readonly string _home = Directory.CreateTempSubdirectory("volsync-cli-home-").FullName;

    public VolsyncTool(Uri? host = null, string? token = "test-token")
    {
        if (host is not null)
        {
            Environment["DATABRICKS_HOST"] = host.GetLeftPart(UriPartial.Authority);
        }

        if (host is not null && token is not null)
        {
            Environment["DATABRICKS_TOKEN"] = token;
        }
    }

    /// <summary>Variables set in the child on top of the scrubbed environment; null removes one.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public string HomeDirectory => _home;

    public static string ToolPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "volsync.dll");
            Assert.True(File.Exists(path), $"The built tool is not next to the tests: {path}");
            return path;
        }
    }

    public Task<ToolRun> RunAsync(params string[] args) => RunAsync(args, onStarted: null);

    /// <summary>
    /// Runs the tool on a pseudo-terminal (<c>script</c>), as a person at a terminal would: stdout and stderr are
    /// one tty stream, returned as <see cref="ToolRun.StdOut"/> with every escape code the tool wrote.
    /// </summary>
    public Task<ToolRun> RunInTerminalAsync(params string[] args) => RunAsync(args, onStarted: null, terminal: true);

    public async Task<ToolRun> RunAsync(IReadOnlyList<string> args, Func<Process, Task>? onStarted, string? workingDirectory = null, bool terminal = false)
    {
        using var process = Start(args, workingDirectory, terminal);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            if (onStarted is not null)
            {
                await onStarted(process);
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"volsync {string.Join(' ', args)} did not finish within 2 minutes.\n{await stdout}\n{await stderr}");
        }

        return new ToolRun(process.ExitCode, await stdout, await stderr);
    }

    public Process Start(IReadOnlyList<string> args, string? workingDirectory = null, bool terminal = false)
    {
        var info = new ProcessStartInfo(terminal ? "script" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? _home,
        };
        if (terminal)
        {
            // script -e returns the child's exit code; -q drops its banner; the typescript goes nowhere.
            info.ArgumentList.Add("-eqc");
            info.ArgumentList.Add(string.Join(' ', new[] { "exec", "dotnet", ToolPath }.Concat(args).Select(ShellQuote)));
            info.ArgumentList.Add("/dev/null");
        }
        else
        {
            info.ArgumentList.Add(ToolPath);
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var name in info.Environment.Keys.ToList())
        {
            if (name.StartsWith("DATABRICKS_", StringComparison.Ordinal) || Scrubbed.Contains(name))
            {
                info.Environment.Remove(name);
            }
        }

        info.Environment["HOME"] = _home;
        info.Environment["USERPROFILE"] = _home;
        info.Environment["XDG_DATA_HOME"] = Path.Combine(_home, ".local", "share");
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (terminal)
        {
            info.Environment["TERM"] = "xterm-256color";
        }
        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public static void Interrupt(Process process)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
