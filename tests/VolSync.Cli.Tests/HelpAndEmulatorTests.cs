using System.Net.Http.Headers;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

public sealed class HelpAndEmulatorTests
{
    [Theory]
    [InlineData("upload")]
    [InlineData("list-remote")]
    [InlineData("create-volume")]
    [InlineData("releases")]
    [InlineData("prune")]
    [InlineData("verify")]
    [InlineData("pull")]
    [InlineData("emulator")]
    public async Task Every_command_has_help_with_examples(string command)
    {
        using var tool = new VolsyncTool();

        var run = await tool.RunAsync(command, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Usage:", run.StdOut);
        Assert.Contains("Examples:", run.StdOut);
        Assert.Contains("volsync " + command, run.StdOut[run.StdOut.IndexOf("Examples:", StringComparison.Ordinal)..]);
        // Unmatched tokens reach CommandLineHints, but the usage line does not offer them.
        Assert.DoesNotContain("additional arguments", run.StdOut, StringComparison.Ordinal);
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

    [Fact]
    public async Task Emulator_help_lists_the_emulator_options()
    {
        using var tool = new VolsyncTool();

        var run = await tool.RunAsync("emulator", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in VolSync.Emulator.EmulatorCommandLine.Options)
        {
            Assert.Contains("--" + option.Name, run.StdOut, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("VOLSYNC3204", "--port", "abc")]
    [InlineData("VOLSYNC3204", "--latency-ms", "x")]
    [InlineData("VOLSYNC3204", "--page-size", "x")]
    [InlineData("VOLSYNC3205", "--rate-429", "2")]
    [InlineData("VOLSYNC3201", "--bogus", "1")]
    [InlineData("VOLSYNC3202", "--port")]
    [InlineData("VOLSYNC3208", "--root", "")]
    public async Task Emulator_mistakes_exit_2_with_the_standalone_emulators_code_and_no_stack_trace(string code, params string[] args)
    {
        using var tool = new VolsyncTool();

        var run = await tool.RunAsync(["emulator", .. args], onStarted: null);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"error {code}: ", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", run.AllOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(string.Empty, run.StdOut);
    }

    [Fact]
    public async Task Emulator_root_that_is_a_file_has_its_own_code()
    {
        using var tool = new VolsyncTool();
        var file = Path.GetTempFileName();
        try
        {
            var run = await tool.RunAsync("emulator", "--root", file);

            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.StartsWith("error VOLSYNC3209: ", run.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("bug", run.AllOutput, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Emulator_takes_oauth_client_token_lifetime_and_retry_after_as_docs_emulator_md_says()
    {
        using var tool = new VolsyncTool();
        using var process = tool.Start(["emulator", "--port", "0", "--oauth-client", "sp-id:sp-secret", "--token-lifetime", "77", "--retry-after=4", "--rate-429", "1"]);
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.NotNull(firstLine);
            using var http = new HttpClient { BaseAddress = new Uri(firstLine!["VolSync emulator listening on ".Length..]) };

            using var wrong = await http.PostAsync("/oidc/v1/token", TokenRequest("sp-id", "wrong"));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);

            using var right = await http.PostAsync("/oidc/v1/token", TokenRequest("sp-id", "sp-secret"));
            var body = await right.Content.ReadAsStringAsync();
            Assert.True(right.IsSuccessStatusCode, body);
            using var token = System.Text.Json.JsonDocument.Parse(body);
            Assert.Equal(77, token.RootElement.GetProperty("expires_in").GetInt32());

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
            using var throttled = await http.GetAsync("/api/2.1/unity-catalog/schemas/main.default");
            Assert.Equal((System.Net.HttpStatusCode)429, throttled.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(4), throttled.Headers.RetryAfter?.Delta);
        }
        finally
        {
            VolsyncTool.Interrupt(process);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task Upload_through_volsync_emulator_oauth_client_refuses_a_wrong_secret_and_takes_the_right_one()
    {
        using var emulator = new VolsyncTool();
        using var process = emulator.Start(["emulator", "--port", "0", "--oauth-client", "sp-ci:right-secret-1234", "--token-lifetime", "120"]);
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.NotNull(firstLine);
            var host = firstLine!["VolSync emulator listening on ".Length..];
            using var local = new LocalTree(("a.txt", "a"));

            var wrong = await UploadWithSecretAsync(host, local, "wrong-secret-5678");
            var right = await UploadWithSecretAsync(host, local, "right-secret-1234");

            Assert.True(wrong.ExitCode == 2, wrong.ToString());
            Assert.Contains("VOLSYNC1101", wrong.StdErr, StringComparison.Ordinal);
            Assert.Contains("service principal sp-ci (oauth-m2m, DATABRICKS_CLIENT_SECRET)", wrong.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-secret-5678", wrong.AllOutput, StringComparison.Ordinal);
            Assert.True(right.ExitCode == 0, right.ToString());
            Assert.Matches(@"uploaded:\s+1 file", right.StdOut);
        }
        finally
        {
            VolsyncTool.Interrupt(process);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    private static async Task<ToolRun> UploadWithSecretAsync(string host, LocalTree local, string secret)
    {
        using var tool = new VolsyncTool(new Uri(host), token: null);
        tool.Environment["DATABRICKS_CLIENT_ID"] = "sp-ci";
        tool.Environment["DATABRICKS_CLIENT_SECRET"] = secret;
        return await tool.RunAsync("upload", local.Root, "--volume-path", "/Volumes/main/default/apps", "--create-volume");
    }

    private static FormUrlEncodedContent TokenRequest(string clientId, string secret) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["scope"] = "all-apis",
    });
}
