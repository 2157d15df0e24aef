using System.Text;
using VolSync.Auth;
using VolSync.Emulator;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Auth;

/// <summary>
/// Whole syncs against the emulator with every component logging at Debug: the distinctive secrets (PAT, client
/// secret and the OAuth access token) must appear nowhere in logs, results, exceptions or ToString output.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime, IDisposable
{
    private const string Pat = "dapi-LEAKCHECK-5f3a9c0e1d";
    private const string ClientId = "sp-leakcheck";
    private const string ClientSecret = "dose-LEAKCHECK-7e1b2d4a6c";

    private readonly AuthTestEnvironment _env = new();
    private readonly CapturingLogger _logger = new();
    private readonly StringBuilder _captured = new();
    private EmulatorServer _server = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { RootDirectory = Path.Combine(_env.Home, "emulator"), RequiredToken = Pat };
        options.OAuthClients[ClientId] = ClientSecret;
        _server = await EmulatorServer.StartAsync(options);
        _env.Variables["DATABRICKS_HOST"] = _server.BaseUri.AbsoluteUri;

        _source = Path.Combine(_env.Home, "publish");
        Directory.CreateDirectory(Path.Combine(_source, "runtimes"));
        File.WriteAllText(Path.Combine(_source, "app.dll"), "binary-ish content");
        File.WriteAllText(Path.Combine(_source, "app.json"), "{\"a\":1}");
        File.WriteAllText(Path.Combine(_source, "runtimes", "native.so"), "native");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _env.Dispose();

    private async Task<SyncResult> SyncAsync(ResolvedAuth auth, bool createVolume)
    {
        using var client = new DatabricksClient(auth.Host, auth.Credentials, new DatabricksClientOptions { Logger = _logger, RetryBudget = TimeSpan.FromSeconds(5) });
        if (createVolume)
        {
            await client.CreateVolumeAsync(new CreateVolumeRequest("main", "default", "vol"));
        }

        var sync = new VolumeSync(client, _logger);
        var result = await sync.SyncAsync(new SyncConfig
        {
            LocalPath = _source,
            VolumePath = "/Volumes/main/default/vol",
            RemotePath = "app/1.0.0",
            UseHashCache = false,
        });
        Capture(result.ToString(), auth.ToString(), auth.Credentials.ToString(), auth.Credentials.Identity, auth.Source);
        foreach (var file in result.Files)
        {
            Capture(file.ToString(), file.Error);
        }

        return result;
    }

    private void Capture(params string?[] texts)
    {
        foreach (var text in texts)
        {
            _captured.AppendLine(text);
        }
    }

    private void AssertNoSecretAnywhere(params string[] secrets)
    {
        var everything = string.Join('\n', _logger.Lines) + "\n" + _captured;
        Assert.Contains("Debug", everything);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, everything);
        }
    }

    [Fact]
    public async Task A_pat_sync_with_debug_logging_and_failures_never_shows_the_token()
    {
        _env.Variables["DATABRICKS_TOKEN"] = Pat;
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));

        var first = await SyncAsync(auth, createVolume: true);
        Assert.Equal(3, first.SuccessCount);

        // Per-file failures (403 under a forbidden prefix) must name the identity but not the token.
        _server.Options.ForbiddenPathPrefixes.Add("/Volumes/main/default/vol/app");
        File.WriteAllText(Path.Combine(_source, "app.dll"), "changed content");
        try
        {
            var second = await SyncAsync(auth, createVolume: false);
            Capture(second.ToString());
        }
        catch (Exception ex)
        {
            Capture(ex.ToString());
        }

        Assert.Contains("Permission denied for personal access token from DATABRICKS_TOKEN", _captured.ToString());

        // A whole run with a rejected token: the failure says who we were, never what the token was.
        var wrong = new ResolvedAuth(auth.Host, new PatCredentials(Pat + "-revoked", "personal access token from DATABRICKS_TOKEN"), auth.Source);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SyncAsync(wrong, createVolume: false));
        Capture(error.ToString(), error.Message);
        Assert.Contains("personal access token from DATABRICKS_TOKEN", error.ToString());

        AssertNoSecretAnywhere(Pat);
    }

    [Fact]
    public async Task An_m2m_sync_with_debug_logging_never_shows_the_secret_or_the_access_token()
    {
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret;
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));

        var result = await SyncAsync(auth, createVolume: true);
        Assert.Equal(3, result.SuccessCount);
        var accessToken = (await auth.Credentials.GetAuthorizationHeaderAsync())["Bearer ".Length..];

        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret + "-wrong";
        var wrong = await DatabricksAuth.ResolveAsync(_env.Settings(logger: _logger));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SyncAsync(wrong, createVolume: false));
        Capture(error.ToString(), error.Message);
        Assert.Contains("service principal sp-leakcheck", error.ToString());

        Assert.Contains(_logger.Lines, line => line.Contains("/oidc/v1/token (client_credentials)"));
        AssertNoSecretAnywhere(ClientSecret, accessToken);
    }
}
