using VolSync.Cli.Tests.Infrastructure;
using VolSync.Emulator;

namespace VolSync.Cli.Tests;

/// <summary>SPEC §10 from the command line: a dead host fails fast, --timeout bounds a run, retries are shown.</summary>
public sealed class RetryAndTimeoutTests
{
    private const string Volume = "/Volumes/main/default/apps";

    private static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_host_that_refuses_connections_fails_fast_with_a_code_naming_it()
    {
        var port = ClosedPort();
        using var tool = new VolsyncTool(new Uri($"http://127.0.0.1:{port}"));
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error VOLSYNC1013:", run.StdErr);
        Assert.Contains($"http://127.0.0.1:{port}", run.StdErr);
        Assert.Contains("Check the host URL", run.StdErr);
        // It said what it was doing while it tried.
        Assert.Contains("retrying get volume 'main.default.apps' (attempt 2, waiting", run.AllOutput);
    }

    [Fact]
    public async Task Timeout_bounds_a_run_against_a_workspace_that_keeps_refusing_uploads()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.RetryAfterSeconds = 1);
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"), ("b.txt", "b"), ("c/d.txt", "d"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        // Every upload is throttled for good: only the budget can end this run (the default of 5 minutes
        // would outlast the tool harness's 2 minutes).
        emulator.Server.Faults.FailNext(1_000_000, FaultKind.Status429, "PUT");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--timeout", "3s");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("VOLSYNC1005", run.StdOut);
        Assert.Contains("retry budget of 3 s", run.StdOut);
        Assert.Contains("error VOLSYNC2307: 3 of 3 files failed", run.StdErr);
        Assert.Empty(emulator.FilesIn("main", "default", "apps"));
    }

    [Fact]
    public async Task Plain_output_shows_a_retry_with_its_attempt_and_wait()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.RetryAfterSeconds = 0);
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        emulator.Server.Faults.FailNext(1, FaultKind.Status503, "PUT");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--max-concurrent", "auto");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches($@"  retrying upload '{Volume}/a_[0-9a-f]{{16}}\.txt' \(attempt 2, waiting [0-9.]+ s\) after HTTP 503", run.StdOut);
        Assert.Equal([local.RemoteName("a.txt")], emulator.FilesIn("main", "default", "apps"));
    }

    [Theory]
    [InlineData("--timeout", "soon", "VOLSYNC2203")]
    [InlineData("--retry-budget", "-5s", "VOLSYNC2203")]
    [InlineData("--max-concurrent", "automatic", "VOLSYNC2010")]
    [InlineData("--max-concurrent", "65", "VOLSYNC2010")]
    public async Task Bad_timeout_or_concurrency_is_a_usage_error_before_any_request(string option, string value, string code)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}:", run.StdErr);
        // --timeout is an alias: messages name the option by its own name.
        Assert.Contains(option == "--max-concurrent" ? option : "--retry-budget", run.StdErr);
        Assert.Empty(emulator.Server.Requests.Snapshot());
    }
}
