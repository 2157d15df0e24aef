using System.Net.Http.Headers;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

public sealed class HelpAndEmulatorTests
{
    [Theory]
    [InlineData("upload")]
    [InlineData("list-remote")]
    [InlineData("create-volume")]
    [InlineData("emulator")]
    public async Task Every_command_has_help_with_examples(string command)
    {
        using var tool = new VolsyncTool();

        var run = await tool.RunAsync(command, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Usage:", run.StdOut);
        Assert.Contains("Examples:", run.StdOut);
        Assert.Contains("volsync " + command, run.StdOut[run.StdOut.IndexOf("Examples:", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Emulator_prints_its_url_first_serves_and_stops_on_sigint()
    {
        using var tool = new VolsyncTool();
        var root = Directory.CreateTempSubdirectory("volsync-cli-emu-").FullName;
        try
        {
            using var process = tool.Start(["emulator", "--port", "0", "--root", root, "--token", "t0k"]);
            var stderr = process.StandardError.ReadToEndAsync();
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));

            Assert.NotNull(firstLine);
            var match = System.Text.RegularExpressions.Regex.Match(firstLine, @"^VolSync emulator listening on (http://127\.0\.0\.1:(\d+))$");
            Assert.True(match.Success, firstLine);
            Assert.NotEqual("0", match.Groups[2].Value);

            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t0k");
            using var response = await http.GetAsync("/api/2.1/unity-catalog/schemas/main.default");
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

            VolsyncTool.Interrupt(process);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(process.ExitCode == 0, await stderr);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Emulator_answers_requests_beyond_max_qps_with_429_and_retry_after()
    {
        using var tool = new VolsyncTool();
        var root = Directory.CreateTempSubdirectory("volsync-cli-emu-").FullName;
        try
        {
            using var process = tool.Start(["emulator", "--port", "0", "--root", root, "--max-qps", "1", "--max-concurrent", "5"]);
            var stderr = process.StandardError.ReadToEndAsync();
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            var match = System.Text.RegularExpressions.Regex.Match(firstLine ?? string.Empty, @"^VolSync emulator listening on (http://127\.0\.0\.1:\d+)$");
            Assert.True(match.Success, firstLine);

            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "any");
            var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => http.GetAsync("/api/2.1/unity-catalog/schemas/main.default")));
            try
            {
                Assert.Single(responses, r => r.IsSuccessStatusCode);
                var throttled = responses.Where(r => (int)r.StatusCode == 429).ToList();
                Assert.Equal(2, throttled.Count);
                Assert.All(throttled, r => Assert.NotNull(r.Headers.RetryAfter));
                Assert.Contains("REQUEST_LIMIT_EXCEEDED", await throttled[0].Content.ReadAsStringAsync());
            }
            finally
            {
                foreach (var response in responses)
                {
                    response.Dispose();
                }
            }

            VolsyncTool.Interrupt(process);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(process.ExitCode == 0, await stderr);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
