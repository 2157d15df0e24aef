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
    public async Task Emulator_empty_pages_option_reaches_the_list_calls()
    {
        using var tool = new VolsyncTool();
        var root = Directory.CreateTempSubdirectory("volsync-cli-emu-").FullName;
        try
        {
            using var process = tool.Start(["emulator", "--port", "0", "--root", root, "--empty-pages", "1"]);
            var stderr = process.StandardError.ReadToEndAsync();
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            var url = System.Text.RegularExpressions.Regex.Match(firstLine ?? string.Empty, @"http://127\.0\.0\.1:\d+").Value;
            Assert.False(string.IsNullOrEmpty(url), firstLine);

            using var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "any");
            using var response = await http.GetAsync("/api/2.1/unity-catalog/schemas?catalog_name=main");
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.False(body.RootElement.TryGetProperty("schemas", out _), body.RootElement.ToString());
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("next_page_token").GetString()));
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
