using VolSync.Auth;
using VolSync.Auth.Providers;
using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Auth;

/// <summary>The databricks-cli provider, with a fake CLI executable written by each test.</summary>
public sealed class DatabricksCliProviderTests : IDisposable
{
    private const string TokenJson = """{"access_token":"cli-token-1","token_type":"Bearer","expiry":"2030-01-01T12:00:00.123456789Z"}""";

    private readonly AuthTestEnvironment _env = new();
    private readonly string _bin;

    public DatabricksCliProviderTests()
    {
        _bin = Path.Combine(_env.Home, "bin");
        _env.Variables["PATH"] = "/nonexistent" + Path.PathSeparator + _bin;
    }

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task With_only_a_host_the_chain_uses_the_cli_on_PATH_with_host()
    {
        FakeDatabricksCli.Write(_bin, TokenJson);
        _env.Variables["DATABRICKS_HOST"] = "h.example.com/";
        var auth = await _env.ResolveAsync();

        Assert.Equal("databricks-cli", auth.Credentials.AuthType);
        Assert.Equal("databricks CLI (host https://h.example.com)", auth.Credentials.Identity);
        Assert.Equal("Bearer cli-token-1", await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal(["auth", "token", "--host", "https://h.example.com"], FakeDatabricksCli.Arguments(_bin));
        Assert.DoesNotContain("cli-token-1", auth.ToString());
    }

    [Fact]
    public async Task With_a_profile_the_cli_gets_the_profile()
    {
        FakeDatabricksCli.Write(_bin, TokenJson);
        _env.WriteConfig("[dev]\nhost = https://dev.example.com\n");
        var auth = await _env.ResolveAsync(profile: "dev");

        Assert.Equal("databricks CLI (profile 'dev')", auth.Credentials.Identity);
        Assert.Equal(["auth", "token", "--profile", "dev"], FakeDatabricksCli.Arguments(_bin));
        Assert.Equal("https://dev.example.com/", auth.Host.AbsoluteUri);
    }

    [Fact]
    public async Task DATABRICKS_CLI_PATH_wins_over_PATH()
    {
        FakeDatabricksCli.Write(_bin, TokenJson);
        var other = Path.Combine(_env.Home, "other");
        FakeDatabricksCli.Write(other, TokenJson.Replace("cli-token-1", "other-token"), name: "my-databricks");
        _env.Variables["DATABRICKS_CLI_PATH"] = Path.Combine(other, "my-databricks");
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var auth = await _env.ResolveAsync();
        Assert.Equal("Bearer other-token", await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal(0, FakeDatabricksCli.Runs(_bin));
    }

    [Fact]
    public async Task A_cli_under_one_mebibyte_is_the_legacy_one_and_is_skipped()
    {
        FakeDatabricksCli.Write(_bin, TokenJson, pad: false);
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2100", error.Code);
        Assert.Contains("skipped the legacy CLI (under 1 MiB)", error.Message);
        Assert.Equal(0, FakeDatabricksCli.Runs(_bin));
    }

    [Fact]
    public async Task A_failing_cli_is_a_coded_error_with_its_stderr()
    {
        FakeDatabricksCli.Write(_bin, "", exitCode: 1, stderr: "Error: cannot load Databricks config: no login for this host");
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC1103", error.Code);
        Assert.Contains("'databricks auth token --host https://h.example.com' failed with exit code 1", error.Message);
        Assert.Contains("no login for this host", error.Message);
    }

    [Fact]
    public async Task A_cli_without_oauth_login_is_skipped_by_the_chain()
    {
        FakeDatabricksCli.Write(_bin, "", exitCode: 1, stderr: "Error: databricks OAuth is not configured for this host");
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2100", error.Code);
        Assert.Contains("'databricks auth token --host https://h.example.com' failed", error.Message);
    }

    [Fact]
    public async Task A_failing_cli_gives_way_to_github_oidc_in_the_chain()
    {
        FakeDatabricksCli.Write(_bin, "", exitCode: 1, stderr: "Error: no login");
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        _env.Variables["DATABRICKS_CLIENT_ID"] = "sp-oidc";
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_URL"] = "https://token.actions.githubusercontent.com/?api-version=2.0";
        _env.Variables["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "gh-request-token";
        var auth = await _env.ResolveAsync();
        Assert.Equal("github-oidc", auth.Credentials.AuthType);
        Assert.Equal("service principal sp-oidc (github-oidc, DATABRICKS_CLIENT_ID)", auth.Credentials.Identity);
    }

    [Fact]
    public async Task Output_that_is_not_json_is_a_coded_error()
    {
        FakeDatabricksCli.Write(_bin, "Usage: databricks [command]");
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var error = await _env.ResolveFailsAsync(authType: "databricks-cli");
        Assert.Equal("VOLSYNC1104", error.Code);
    }

    [Fact]
    public async Task A_pat_wins_over_the_cli_in_the_chain()
    {
        FakeDatabricksCli.Write(_bin, TokenJson);
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        _env.Variables["DATABRICKS_TOKEN"] = "pat-token";
        var auth = await _env.ResolveAsync();
        Assert.Equal("pat", auth.Credentials.AuthType);
        Assert.Equal(0, FakeDatabricksCli.Runs(_bin));
    }

    [Fact]
    public async Task The_token_is_reused_until_it_nears_expiry_then_the_cli_runs_again()
    {
        FakeDatabricksCli.Write(_bin, TokenJson);
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var expiry = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(expiry.AddHours(-1));
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(), clock, CancellationToken.None);
        Assert.Equal(1, FakeDatabricksCli.Runs(_bin));

        await auth.Credentials.GetAuthorizationHeaderAsync();
        clock.Now = expiry.AddSeconds(-41);
        await auth.Credentials.GetAuthorizationHeaderAsync();
        Assert.Equal(1, FakeDatabricksCli.Runs(_bin));

        clock.Now = expiry.AddSeconds(-39);
        await auth.Credentials.GetAuthorizationHeaderAsync();
        Assert.Equal(2, FakeDatabricksCli.Runs(_bin));
    }

    [Fact]
    public async Task Concurrent_callers_of_an_expired_token_share_one_cli_run()
    {
        FakeDatabricksCli.Write(_bin, TokenJson);
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 11, 0, 0, TimeSpan.Zero));
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(), clock, CancellationToken.None);
        FakeDatabricksCli.Write(_bin, TokenJson.Replace("cli-token-1", "cli-token-2").Replace("12:00:00", "13:00:00"));
        clock.Now = new DateTimeOffset(2030, 1, 1, 11, 59, 50, TimeSpan.Zero);

        var headers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask())));
        Assert.All(headers, header => Assert.Equal("Bearer cli-token-2", header));
        Assert.Equal(2, FakeDatabricksCli.Runs(_bin));
    }

    [Fact]
    public async Task Cli_runs_are_logged_at_debug_without_the_token()
    {
        FakeDatabricksCli.Write(_bin, TokenJson);
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        var logger = new CapturingLogger();
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: logger));
        await auth.Credentials.GetAuthorizationHeaderAsync();
        Assert.Contains(logger.Lines, line => line.Contains("databricks auth token --host https://h.example.com -> exit 0"));
        Assert.DoesNotContain(logger.Lines, line => line.Contains("cli-token-1"));
    }

    [Theory]
    [InlineData("2030-01-01T12:00:00.123456789Z", "2030-01-01T12:00:00.1234567+00:00")]
    [InlineData("2030-01-01T12:00:00+02:00", "2030-01-01T10:00:00.0000000+00:00")]
    [InlineData("2030-01-01T12:00:00Z", "2030-01-01T12:00:00.0000000+00:00")]
    public void Expiry_is_read_in_rfc3339_with_any_fraction(string text, string expectedUtc) =>
        Assert.Equal(expectedUtc, DatabricksCliCredentials.ParseExpiry(text)!.Value.ToUniversalTime().ToString("O"));

    [Fact]
    public void Expiry_in_the_legacy_format_is_local_time()
    {
        var expected = new DateTimeOffset(new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Local));
        Assert.Equal(expected, DatabricksCliCredentials.ParseExpiry("2030-01-01 12:00:00"));
    }

    [Fact]
    public void Output_without_an_access_token_is_refused()
    {
        Assert.Null(DatabricksCliCredentials.ParseOutput("""{"token_type":"Bearer"}""", out var problem));
        Assert.Equal("no access_token", problem);
    }
}

internal sealed class CapturingLogger : ISyncLogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Log(SyncLogLevel level, string message, string? code = null)
    {
        lock (_lines)
        {
            _lines.Add($"{level} {code} {message}");
        }
    }
}
