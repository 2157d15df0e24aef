using System.Collections.Concurrent;
using VolSync.Auth;
using VolSync.Diagnostics;
using VolSync.Emulator;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Auth;

/// <summary>Token requests through the run's transport (the same limiter, retries and events as API calls), against the emulator.</summary>
public sealed class TokenRequestTransportTests : IAsyncLifetime, IDisposable
{
    private const string ClientId = "sp-transport";
    private const string ClientSecret = "dose-transport-secret-5555";
    private const string TokenPath = "/oidc/v1/token";

    private readonly AuthTestEnvironment _env = new();
    private readonly ConcurrentQueue<RequestRetry> _retries = new();
    private EmulatorServer _server = null!;
    private DatabricksTransport _transport = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { RootDirectory = Path.Combine(_env.Home, "emulator"), RetryAfterSeconds = 0 };
        options.OAuthClients[ClientId] = ClientSecret;
        _server = await EmulatorServer.StartAsync(options);
        _env.Variables["DATABRICKS_HOST"] = _server.BaseUri.AbsoluteUri;
        _env.Variables["DATABRICKS_CLIENT_ID"] = ClientId;
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = ClientSecret;
        _transport = new DatabricksTransport(new DatabricksClientOptions
        {
            RetryDelay = (_, ct) => Task.Delay(TimeSpan.FromMilliseconds(2), ct),
            OnRetry = _retries.Enqueue,
        });
    }

    public async Task DisposeAsync()
    {
        _transport.Dispose();
        await _server.DisposeAsync();
        _env.Dispose();
    }

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task A_throttled_token_request_is_retried_and_reported_as_a_retry()
    {
        _server.Faults.FailNext(2, FaultKind.Status429, "POST", TokenPath);
        _server.Faults.FailNext(1, FaultKind.Status503, "GET", "/oidc/.well-known/oauth-authorization-server");
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(handler: _transport.AuthHandler));

        using var client = new DatabricksClient(auth.Host, auth.Credentials, _transport);
        Assert.True(await client.CatalogExistsAsync("main"));

        Assert.Equal(3, _server.Requests.Count("POST", TokenPath));
        Assert.Equal(2, _server.Requests.Count("GET", "/oidc/.well-known/oauth-authorization-server"));
        Assert.Equal(3, _retries.Count);
        Assert.All(_retries, r => Assert.Equal("token request", r.Operation));
        Assert.Contains(_retries, r => r.Path.EndsWith(TokenPath, StringComparison.Ordinal) && r.Reason.StartsWith("HTTP 429", StringComparison.Ordinal));
        Assert.DoesNotContain(_retries, r => r.Path.Contains(ClientSecret, StringComparison.Ordinal) || r.Reason.Contains(ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_requests_use_the_same_limiter_as_the_api_calls_of_their_host()
    {
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(handler: _transport.AuthHandler));
        using var client = new DatabricksClient(auth.Host, auth.Credentials, _transport);
        var answers = 0;
        client.Limiter.WindowChanged = _ => answers++;

        Assert.True(await client.CatalogExistsAsync("main"));

        // The discovery document, the token and the catalog: three answers through one gate.
        Assert.Equal(3, answers);
    }

    [Fact]
    public async Task A_token_endpoint_that_keeps_throttling_fails_under_the_auth_code_with_the_status()
    {
        _server.Faults.FailNext(10_000, FaultKind.Status429, "POST", TokenPath);
        using var transport = new DatabricksTransport(new DatabricksClientOptions
        {
            RetryBudget = TimeSpan.FromSeconds(3),
            RetryDelay = (_, ct) => Task.Delay(TimeSpan.FromMilliseconds(2), ct),
        });
        var auth = await DatabricksAuth.ResolveAsync(_env.Settings(handler: transport.AuthHandler));

        var ex = await Assert.ThrowsAnyAsync<VolSyncException>(() => auth.Credentials.GetAuthorizationHeaderAsync().AsTask());

        Assert.Equal(DiagnosticCodes.AuthTokenRequestFailed.Code, ex.Code);
        Assert.Contains("HTTP 429", ex.Message);
        Assert.DoesNotContain(ClientSecret, ex.ToString());
        Assert.True(_server.Requests.Count("POST", TokenPath) > 1);
    }
}
