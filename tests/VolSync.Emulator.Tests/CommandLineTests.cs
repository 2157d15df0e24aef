namespace VolSync.Emulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parses_every_option()
    {
        var options = EmulatorCommandLine.Parse(
        [
            "--root", "/tmp/r", "--port", "8123", "--token", "t", "--page-size", "50", "--latency-ms", "20",
            "--rate-429", "0.1", "--rate-503=0.2", "--rate-drop", "0.05", "--max-concurrent", "10", "--max-qps", "100", "--seed", "7",
            "--retry-after", "3", "--oauth-client", "id:se:cret", "--token-lifetime", "90",
        ]);

        Assert.Equal("/tmp/r", options.RootDirectory);
        Assert.Equal(8123, options.Port);
        Assert.Equal("t", options.RequiredToken);
        Assert.Equal(50, options.PageSize);
        Assert.Equal(20, options.LatencyMs);
        Assert.Equal(0.1, options.Rate429);
        Assert.Equal(0.2, options.Rate503);
        Assert.Equal(0.05, options.RateDrop);
        Assert.Equal(10, options.MaxConcurrent);
        Assert.Equal(100, options.MaxQps);
        Assert.Equal(7, options.Seed);
        Assert.Equal(3, options.RetryAfterSeconds);
        Assert.Equal("se:cret", options.OAuthClients["id"]);
        Assert.Equal(TimeSpan.FromSeconds(90), options.TokenLifetime);
    }

    [Fact]
    public void Defaults_mean_no_faults_any_token_and_pages_of_1000()
    {
        var options = EmulatorCommandLine.Parse(["--root", "r"]);

        Assert.Equal(0, options.Port);
        Assert.Null(options.RequiredToken);
        Assert.Equal(1000, options.PageSize);
        Assert.Equal(0, options.Rate429 + options.Rate503 + options.RateDrop);
        Assert.Equal(0, options.MaxConcurrent);
        Assert.Equal(0, options.MaxQps);
        Assert.Null(options.Seed);
        Assert.Empty(options.OAuthClients);
    }

    [Theory]
    [InlineData(new[] { "--port", "0" }, "--root")]
    [InlineData(new[] { "--root", "r", "--rate-429", "1.5" }, "--rate-429")]
    [InlineData(new[] { "--root", "r", "--rate-429", "0.6", "--rate-503", "0.6" }, "must not exceed 1")]
    [InlineData(new[] { "--root", "r", "--page-size", "0" }, "--page-size")]
    [InlineData(new[] { "--root", "r", "--max-qps", "-1" }, "--max-qps")]
    [InlineData(new[] { "--root", "r", "--port", "abc" }, "--port")]
    [InlineData(new[] { "--root", "r", "--bogus", "1" }, "Unknown option '--bogus'")]
    [InlineData(new[] { "--root" }, "needs a value")]
    [InlineData(new[] { "--root", "r", "--root", "s" }, "more than once")]
    [InlineData(new[] { "--root", "r", "--oauth-client", "nosecret" }, "ID:SECRET")]
    [InlineData(new[] { "stray" }, "Unexpected argument")]
    public void Rejects_bad_input_with_a_message_naming_the_problem(string[] args, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
