using VolSync.Diagnostics;

namespace VolSync.Emulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parses_every_option()
    {
        var options = EmulatorCommandLine.Parse(
        [
            "--root", "/tmp/r", "--port", "8123", "--token", "t", "--page-size", "50", "--latency-ms", "20",
            "--rate-429", "0.1", "--rate-503=0.2", "--rate-drop", "0.05", "--empty-pages", "0.3", "--max-concurrent", "10", "--max-qps", "100", "--seed", "7",
            "--retry-after", "3", "--oauth-client", "id:se:cret", "--token-lifetime", "90", "--multipart", "gcp",
            "--cloud-port", "8124",
        ]);

        Assert.Equal("/tmp/r", options.RootDirectory);
        Assert.Equal(8123, options.Port);
        Assert.Equal("t", options.RequiredToken);
        Assert.Equal(50, options.PageSize);
        Assert.Equal(20, options.LatencyMs);
        Assert.Equal(0.1, options.Rate429);
        Assert.Equal(0.2, options.Rate503);
        Assert.Equal(0.05, options.RateDrop);
        Assert.Equal(0.3, options.EmptyPages);
        Assert.Equal(10, options.MaxConcurrent);
        Assert.Equal(100, options.MaxQps);
        Assert.Equal(7, options.Seed);
        Assert.Equal(3, options.RetryAfterSeconds);
        Assert.Equal("se:cret", options.OAuthClients["id"]);
        Assert.Equal(TimeSpan.FromSeconds(90), options.TokenLifetime);
        Assert.Equal(MultipartMode.Gcp, options.Multipart);
        Assert.Equal(8124, options.CloudPort);
    }

    [Theory]
    [InlineData("aws", MultipartMode.Aws)]
    [InlineData("AZURE", MultipartMode.Aws)]
    [InlineData("gcp", MultipartMode.Gcp)]
    [InlineData("off", MultipartMode.Off)]
    public void Multipart_names_the_flow_offered(string value, MultipartMode expected) =>
        Assert.Equal(expected, EmulatorCommandLine.Parse(["--root", "r", "--multipart", value]).Multipart);

    [Fact]
    public void Defaults_mean_no_faults_any_token_pages_of_1000_and_a_temporary_root()
    {
        var options = EmulatorCommandLine.Parse([]);

        Assert.Equal(0, options.Port);
        Assert.Null(options.RequiredToken);
        Assert.Equal(1000, options.PageSize);
        Assert.Equal(0, options.Rate429 + options.Rate503 + options.RateDrop + options.EmptyPages);
        Assert.Equal(0, options.MaxConcurrent);
        Assert.Equal(0, options.MaxQps);
        Assert.Null(options.Seed);
        Assert.Empty(options.OAuthClients);
        Assert.Equal(MultipartMode.Aws, options.Multipart);
        Assert.Equal(0, options.CloudPort);
        // Without --root (both entry points): a fresh temporary folder, deleted when the emulator stops.
        Assert.True(options.DeleteRootOnStop);
        Assert.StartsWith(Path.GetTempPath(), options.RootDirectory, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.RootDirectory));
    }

    [Fact]
    public void A_given_root_is_kept()
    {
        var options = EmulatorCommandLine.Parse(["--root", "r"]);

        Assert.Equal("r", options.RootDirectory);
        Assert.False(options.DeleteRootOnStop);
    }

    [Fact]
    public void Oauth_clients_repeat_and_negative_seeds_are_values()
    {
        var options = EmulatorCommandLine.Parse(["--oauth-client", "a:1", "--oauth-client=b:2", "--seed", "-5"]);

        Assert.Equal("1", options.OAuthClients["a"]);
        Assert.Equal("2", options.OAuthClients["b"]);
        Assert.Equal(-5, options.Seed);
    }

    [Theory]
    [InlineData(new[] { "--root", "r", "--rate-429", "1.5" }, "VOLSYNC3205", "--rate-429")]
    [InlineData(new[] { "--rate-503", "x" }, "VOLSYNC3205", "--rate-503")]
    [InlineData(new[] { "--rate-429", "0.6", "--rate-503", "0.6" }, "VOLSYNC3206", "must not exceed 1")]
    [InlineData(new[] { "--empty-pages", "-0.1" }, "VOLSYNC3205", "--empty-pages")]
    [InlineData(new[] { "--page-size", "0" }, "VOLSYNC3204", "--page-size")]
    [InlineData(new[] { "--page-size", "x" }, "VOLSYNC3204", "--page-size")]
    [InlineData(new[] { "--port", "abc" }, "VOLSYNC3204", "--port")]
    [InlineData(new[] { "--port", "70000" }, "VOLSYNC3204", "--port")]
    [InlineData(new[] { "--latency-ms", "-1" }, "VOLSYNC3204", "--latency-ms")]
    [InlineData(new[] { "--max-concurrent", "1.5" }, "VOLSYNC3204", "--max-concurrent")]
    [InlineData(new[] { "--max-qps", "-1" }, "VOLSYNC3204", "--max-qps")]
    [InlineData(new[] { "--retry-after", "x" }, "VOLSYNC3204", "--retry-after")]
    [InlineData(new[] { "--seed", "x" }, "VOLSYNC3204", "--seed")]
    [InlineData(new[] { "--token-lifetime", "0" }, "VOLSYNC3204", "--token-lifetime")]
    [InlineData(new[] { "--bogus", "1" }, "VOLSYNC3201", "'--bogus'")]
    [InlineData(new[] { "--root" }, "VOLSYNC3202", "needs a value")]
    [InlineData(new[] { "--port", "--seed", "1" }, "VOLSYNC3202", "'--port'")]
    [InlineData(new[] { "--root", "r", "--root", "s" }, "VOLSYNC3203", "more than once")]
    [InlineData(new[] { "--oauth-client", "nosecret" }, "VOLSYNC3207", "ID:SECRET")]
    [InlineData(new[] { "--root", "" }, "VOLSYNC3208", "--root")]
    [InlineData(new[] { "stray" }, "VOLSYNC3200", "'stray'")]
    [InlineData(new[] { "--multipart", "s3" }, "VOLSYNC2453", "aws (or azure), gcp or off")]
    [InlineData(new[] { "--cloud-port", "-1" }, "VOLSYNC3204", "--cloud-port")]
    public void Rejects_bad_input_with_a_coded_message_naming_the_problem(string[] args, string code, string expected)
    {
        var error = Assert.Throws<VolSyncException>(() => EmulatorCommandLine.Parse(args));

        Assert.Equal(code, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(code, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_oauth_client_never_echoes_its_secret()
    {
        var error = Assert.Throws<VolSyncException>(() => EmulatorCommandLine.Parse(["--oauth-client", "id:"]));

        Assert.Equal("VOLSYNC3207", error.Code);
    }

    [Fact]
    public void Usage_lists_every_option_of_the_table()
    {
        foreach (var option in EmulatorCommandLine.Options)
        {
            Assert.Contains("--" + option.Name + " " + option.ValueName, EmulatorCommandLine.Usage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_root_that_is_a_file_is_a_coded_error_not_a_crash()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = await Assert.ThrowsAsync<VolSyncException>(() => EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = file }));

            Assert.Equal("VOLSYNC3209", error.Code);
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_port_in_use_is_a_coded_error()
    {
        await using var first = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = TestEmulator.NewRoot() });

        var error = await Assert.ThrowsAsync<VolSyncException>(() => EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = TestEmulator.NewRoot(), Port = first.BaseUri.Port }));

        Assert.Equal("VOLSYNC2309", error.Code);
    }
}

public sealed class AzureCommandLineTests
{
    [Fact]
    public void Parses_the_entra_and_managed_identity_options()
    {
        var options = EmulatorCommandLine.Parse(
        [
            "--root", "r", "--azure-tenant", "tenant-1", "--azure-client", "app-1:se:cret", "--azure-client=app-2:two",
            "--azure-resource-id", "/subscriptions/s/x", "--identity-header", "ih",
        ]);

        Assert.Equal("tenant-1", options.AzureTenantId);
        Assert.Equal("se:cret", options.AzureClients["app-1"]);
        Assert.Equal("two", options.AzureClients["app-2"]);
        Assert.Equal("/subscriptions/s/x", options.AzureWorkspaceResourceId);
        Assert.Equal("ih", options.IdentityHeader);
    }

    [Fact]
    public void Azure_defaults_are_a_fixed_tenant_any_app_and_no_resource_id()
    {
        var options = EmulatorCommandLine.Parse(["--root", "r"]);

        Assert.Equal(EmulatorOptions.DefaultAzureTenantId, options.AzureTenantId);
        Assert.Empty(options.AzureClients);
        Assert.Null(options.AzureWorkspaceResourceId);
        Assert.Equal(EmulatorOptions.DefaultIdentityHeader, options.IdentityHeader);
    }

    [Fact]
    public void An_azure_client_without_a_secret_is_refused_without_echoing_it()
    {
        var error = Assert.Throws<VolSync.Diagnostics.VolSyncException>(() => EmulatorCommandLine.Parse(["--root", "r", "--azure-client", "app-only:"]));
        Assert.Equal("VOLSYNC2113", error.Code);
        Assert.Contains("'app-only:...'", error.Message);
    }
}
