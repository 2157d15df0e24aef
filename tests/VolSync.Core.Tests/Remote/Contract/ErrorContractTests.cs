using System.Net;
using VolSync.Auth;
using VolSync.Emulator;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Contract;

public class ErrorContractTests
{
    private const string V = ClientAgainstEmulator.Volume;

    [Fact]
    public async Task Wrong_token_is_403_invalid_access_token_with_renew_advice_naming_identity_and_host_never_the_token()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        using var client = ClientAgainstEmulator.NewClient(h.Server.BaseUri, "wrong-token-value");

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.UploadAsync($"{V}/f", ClientAgainstEmulator.Content([1]), 1, overwrite: true));

        Assert.Equal("VOLSYNC1030", ex.Code);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("403", ex.ErrorCode);
        Assert.Contains("personal access token (contract tests)", ex.Message);
        Assert.Contains(h.Server.BaseUri.ToString().TrimEnd('/'), ex.Message);
        Assert.Contains("create a new personal access token", ex.Message);
        Assert.DoesNotContain("USE CATALOG", ex.Message);
        Assert.DoesNotContain("wrong-token-value", ex.ToString());
        Assert.Equal(1, h.Requests.Count());
    }

    [Fact]
    public async Task A_credential_that_is_not_a_bearer_token_is_401_credential_not_sent()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        using var client = ClientAgainstEmulator.NewClient(h.Server.BaseUri, new HeaderCredentials("Basic dXNlcjpwYXNz"));

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.ListDirectoryAsync(V).ToListAsync().AsTask());

        Assert.Equal("VOLSYNC1031", ex.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("401", ex.ErrorCode);
        Assert.Contains("Credential was not sent or was of an unsupported type for this API.", ex.Message);
        Assert.Contains("Authorization header", ex.Message);
        Assert.DoesNotContain("dXNlcjpwYXNz", ex.ToString());
        Assert.Equal(1, h.Requests.Count());
    }

    [Fact]
    public async Task A_connection_cut_after_the_whole_upload_was_sent_is_tried_five_times_then_1033()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        h.Server.Faults.FailNext(1000, FaultKind.DropAfterBody, "PUT");
        var payload = new byte[64 * 1024];

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.UploadAsync($"{V}/f.bin", ClientAgainstEmulator.Content(payload), payload.Length, overwrite: true));

        Assert.Equal("VOLSYNC1033", ex.Code);
        Assert.Contains("5 attempts", ex.Message);
        Assert.Equal(5, h.Requests.Count("PUT"));
        Assert.All(h.Requests.Snapshot(), r => Assert.Equal(payload.Length, r.RequestBytes));
        Assert.False(File.Exists(h.DiskPath($"{V}/f.bin")));
    }

    [Fact]
    public async Task Cuts_after_the_whole_upload_mixed_with_other_answers_do_not_add_up_to_1033()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        // Six cuts in all, never five in a row: random faults, not a server that cannot store the file.
        h.Server.Faults.FailNext(3, FaultKind.DropAfterBody, "PUT");
        h.Server.Faults.FailNext(1, FaultKind.Status503, "PUT");
        h.Server.Faults.FailNext(3, FaultKind.DropAfterBody, "PUT");
        var payload = new byte[64 * 1024];

        await h.Client.UploadAsync($"{V}/f.bin", ClientAgainstEmulator.Content(payload), payload.Length, overwrite: true);

        Assert.Equal(payload, await File.ReadAllBytesAsync(h.DiskPath($"{V}/f.bin")));
        Assert.Equal(0, h.Server.Faults.Pending);
    }

    [Fact]
    public async Task A_connection_cut_mid_upload_is_still_retried_within_the_budget()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        // Cut after half of a body too large to sit in the socket buffers: the client sees it was not all sent.
        h.Server.Faults.FailNext(6, FaultKind.Drop, "PUT");
        var payload = new byte[32 * 1024 * 1024];

        await h.Client.UploadAsync($"{V}/f.bin", ClientAgainstEmulator.Content(payload), payload.Length, overwrite: true);

        Assert.Equal(7, h.Requests.Count("PUT"));
        Assert.Equal(payload, await File.ReadAllBytesAsync(h.DiskPath($"{V}/f.bin")));
    }

    [Fact]
    public async Task Forbidden_path_is_403_with_the_privileges_to_ask_for()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(o => o.ForbiddenPathPrefixes.Add($"{V}/locked"));

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.UploadAsync($"{V}/locked/f", ClientAgainstEmulator.Content([1]), 1, overwrite: true));

        Assert.Equal("VOLSYNC1002", ex.Code);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("PERMISSION_DENIED", ex.ErrorCode);
        Assert.Contains("WRITE VOLUME", ex.Message);
        Assert.Contains("personal access token (contract tests)", ex.Message);
    }

    [Fact]
    public async Task Missing_volume_is_404_on_upload()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.UploadAsync("/Volumes/main/default/nope/f", ClientAgainstEmulator.Content([1]), 1, overwrite: true));

        Assert.Equal("VOLSYNC1003", ex.Code);
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("/Volumes/main/default/nope/f", ex.Message);
    }

    [Fact]
    public async Task Directory_over_a_file_is_409()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        await h.Client.UploadAsync($"{V}/x", ClientAgainstEmulator.Content([1]), 1, overwrite: true);

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.CreateDirectoryAsync($"{V}/x"));

        Assert.Equal("VOLSYNC1004", ex.Code);
        Assert.Equal("create directory", ex.Operation);
    }

    [Fact]
    public async Task Deleting_a_non_empty_directory_is_400_with_the_reason()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        await h.Client.UploadAsync($"{V}/d/f", ClientAgainstEmulator.Content([1]), 1, overwrite: true);

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.DeleteDirectoryAsync($"{V}/d"));

        Assert.Equal("VOLSYNC1009", ex.Code);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", ex.ErrorCode);
        Assert.Equal("FILES_API_DIRECTORY_IS_NOT_EMPTY", ex.Reason);
    }

    [Theory]
    [InlineData(FaultKind.Status500, HttpStatusCode.InternalServerError)]
    [InlineData(FaultKind.Status502, HttpStatusCode.BadGateway)]
    [InlineData(FaultKind.Status504, HttpStatusCode.GatewayTimeout)]
    public async Task Server_errors_are_reported_once_without_retry(FaultKind fault, HttpStatusCode expected)
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        h.Server.Faults.FailNext(1, fault, "PUT");

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.UploadAsync($"{V}/f", ClientAgainstEmulator.Content([1]), 1, overwrite: true));

        Assert.Equal("VOLSYNC1006", ex.Code);
        Assert.Equal(expected, ex.StatusCode);
        Assert.Equal(1, h.Requests.Count("PUT"));
        Assert.False(File.Exists(h.DiskPath($"{V}/f")));
    }

    [Theory]
    [InlineData(FaultKind.Status429, HttpStatusCode.TooManyRequests)]
    [InlineData(FaultKind.Status503, HttpStatusCode.ServiceUnavailable)]
    public async Task Throttling_that_outlasts_the_budget_is_1005(FaultKind fault, HttpStatusCode expected)
    {
        await using var h = await ClientAgainstEmulator.StartAsync(retryBudget: TimeSpan.FromSeconds(3));
        h.Server.Faults.FailNext(1000, fault);

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => h.Client.UploadAsync($"{V}/f", ClientAgainstEmulator.Content([1]), 1, overwrite: true));

        Assert.Equal("VOLSYNC1005", ex.Code);
        Assert.Equal(expected, ex.StatusCode);
        Assert.Contains("3 s", ex.Message);
        Assert.True(h.Requests.Count("PUT") > 1, "throttling must be retried before giving up");
        Assert.False(File.Exists(h.DiskPath($"{V}/f")));
    }

    [Fact]
    public async Task A_host_with_nothing_listening_is_1007()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var client = ClientAgainstEmulator.NewClient(new Uri($"http://127.0.0.1:{port}"), "t", retryBudget: TimeSpan.FromMilliseconds(50));

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.ListDirectoryAsync($"{V}/x").ToListAsync().AsTask());

        Assert.Equal("VOLSYNC1007", ex.Code);
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task A_host_that_refuses_the_first_connections_of_a_run_fails_fast_with_1013_despite_a_large_budget()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var retries = new List<RequestRetry>();
        using var client = new DatabricksClient(new Uri($"http://127.0.0.1:{port}"), new VolSync.Auth.PatCredentials("t"), new DatabricksClientOptions
        {
            RetryBudget = TimeSpan.FromMinutes(5),
            RetryDelay = (_, ct) => Task.Delay(TimeSpan.FromMilliseconds(2), ct),
            OnRetry = retries.Add,
        });

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.GetVolumeAsync("main", "default", "vol"));

        Assert.Equal("VOLSYNC1013", ex.Code);
        Assert.Contains($"http://127.0.0.1:{port}", ex.Message);
        Assert.Contains("3 connection attempts", ex.Message);
        Assert.Contains("Check the host URL", ex.Message);
        Assert.Equal([2, 3], retries.Select(r => r.Attempt));
    }

    /// <summary>Sends a fixed Authorization header, as a misconfigured credential or a rewriting proxy would.</summary>
    private sealed class HeaderCredentials(string header) : IDatabricksCredentials
    {
        public string AuthType => "pat";

        public string Identity => "a credential with a fixed header (contract tests)";

        public ValueTask<string> GetAuthorizationHeaderAsync(CancellationToken cancellationToken = default) => new(header);
    }
}
