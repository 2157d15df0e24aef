using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace VolSync.Emulator.Tests;

/// <summary>The standalone program: `dotnet VolSync.Emulator.dll --root DIR --port 0`.</summary>
public sealed class ProcessModeTests
{
    private static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "VolSync.Emulator.dll");

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    [Fact]
    public async Task Prints_its_address_first_serves_requests_and_stops_on_sigterm()
    {
        var root = TestEmulator.NewRoot();
        using var process = Start("--root", root, "--port", "0", "--token", "proc-token");
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.NotNull(firstLine);
            Assert.Matches(@"^VolSync emulator listening on http://127\.0\.0\.1:\d+$", firstLine);
            var baseUri = new Uri(firstLine!["VolSync emulator listening on ".Length..]);

            using var client = new HttpClient { BaseAddress = baseUri };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "proc-token");
            using (var create = await client.PostAsync("/api/2.1/unity-catalog/volumes", TestEmulator.Json(new { catalog_name = "main", schema_name = "default", name = "vol", volume_type = "MANAGED" })))
            {
                Assert.Equal(HttpStatusCode.OK, create.StatusCode);
            }

            using (var put = await client.PutAsync(TestEmulator.Files("hello.txt"), new StringContent("hi from a process")))
            {
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }

            Assert.Equal("hi from a process", await File.ReadAllTextAsync(Path.Combine(root, "Volumes", "main", "default", "vol", "hello.txt")));

            if (!OperatingSystem.IsWindows())
            {
                using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
                using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await process.WaitForExitAsync(exited.Token);
                Assert.Equal(0, process.ExitCode);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_arguments_exit_with_code_2_and_a_coded_message_on_stderr()
    {
        using var process = Start("--port", "abc");
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("error VOLSYNC3204: ", stderr, StringComparison.Ordinal);
        Assert.Contains("--port", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
    }

    [Fact]
    public async Task Runner_prints_the_listening_line_and_stops_when_cancelled()
    {
        var root = TestEmulator.NewRoot();
        using var output = new LineWriter();
        using var stop = new CancellationTokenSource();

        var run = EmulatorRunner.RunAsync(new EmulatorOptions { RootDirectory = root }, output, stop.Token);
        var line = await output.FirstLine.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith(EmulatorRunner.ListeningPrefix + "http://127.0.0.1:", line, StringComparison.Ordinal);
        using (var client = new HttpClient { BaseAddress = new Uri(line[EmulatorRunner.ListeningPrefix.Length..]) })
        using (var discovery = await client.GetAsync("/.well-known/databricks-config"))
        {
            Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        }

        stop.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Directory.Delete(root, recursive: true);
    }

    private sealed class LineWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstLine => _first.Task;

        public override Task WriteLineAsync(string? value)
        {
            _first.TrySetResult(value ?? string.Empty);
            return base.WriteLineAsync(value);
        }
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(EmulatorDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
