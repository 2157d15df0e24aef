using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using VolSync.Auth;
using VolSync.Diagnostics;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

public class DatabricksClientSendTests
{
    private const string Token = "dapi-secret-token-0123456789";
    private static readonly Uri Host = new("https://adb-1.azuredatabricks.net");

    private static (DatabricksClient Client, List<TimeSpan> Delays) Create(StubHandler handler, TimeSpan? budget = null, TimeSpan? inactivity = null)
    {
        var delays = new List<TimeSpan>();
        var options = new DatabricksClientOptions
        {
            Handler = handler,
            RetryBudget = budget ?? TimeSpan.FromMinutes(5),
            InactivityTimeout = inactivity ?? TimeSpan.FromSeconds(60),
            RetryDelay = (delay, ct) =>
            {
                lock (delays)
                {
                    delays.Add(delay);
                }

                return Task.Delay(TimeSpan.FromMilliseconds(1), ct);
            },
        };
        return (new DatabricksClient(Host, new PatCredentials(Token, "personal access token (profile ci)"), options), delays);
    }

    private static Func<CancellationToken, ValueTask<Stream>> Bytes(byte[] content, Action? onOpen = null) => _ =>
    {
        onOpen?.Invoke();
        return new ValueTask<Stream>(new MemoryStream(content));
    };

    [Fact]
    public async Task Upload_sends_a_put_with_length_type_overwrite_user_agent_and_auth()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(200)));
        using var client = Create(handler).Client;

        await client.UploadAsync("/Volumes/main/default/v/dir/a b.txt", Bytes("hello"u8.ToArray()), 5, overwrite: false);

        var seen = Assert.Single(handler.Seen);
        Assert.Equal("PUT", seen.Method);
        Assert.Equal("/api/2.0/fs/files/Volumes/main/default/v/dir/a%20b.txt?overwrite=false", seen.PathAndQuery);
        Assert.Equal("Bearer " + Token, seen.Headers["Authorization"]);
        Assert.StartsWith("volsync/", seen.Headers["User-Agent"]);
        Assert.Equal("hello"u8.ToArray(), seen.Body);
    }

    [Fact]
    public async Task Files_over_5_GiB_fail_with_a_code_without_any_request()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(200)));
        using var client = Create(handler).Client;
        var opened = false;

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => client.UploadAsync("/Volumes/c/s/v/big.bin", Bytes([], () => opened = true), DatabricksClient.MaxSinglePutBytes + 1, overwrite: true));

        Assert.Equal("VOLSYNC2050", ex.Code);
        Assert.Contains("/Volumes/c/s/v/big.bin", ex.Message);
        Assert.Equal(0, handler.Count);
        Assert.False(opened);
    }

    [Fact]
    public async Task Throttling_is_retried_honouring_retry_after_and_the_stream_is_reopened()
    {
        var handler = new StubHandler((_, n, _) => Task.FromResult(n switch
        {
            1 => StubHandler.Status(429, """{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}""", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3))),
            2 => StubHandler.Status(503, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30))),
            _ => StubHandler.Status(200),
        }));
        var (client, delays) = Create(handler);
        var opens = 0;

        using (client)
        {
            await client.UploadAsync("/Volumes/c/s/v/f", Bytes([1, 2, 3], () => opens++), 3, overwrite: true);
        }

        Assert.Equal(3, handler.Count);
        Assert.Equal(3, opens);
        Assert.All(handler.Seen, s => Assert.Equal(new byte[] { 1, 2, 3 }, s.Body));
        Assert.Equal(2, delays.Count);
        Assert.InRange(delays[0], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task Throttling_beyond_the_budget_is_a_coded_error()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(429, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))));
        using var client = Create(handler, budget: TimeSpan.FromSeconds(2.5)).Client;

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.UploadAsync("/Volumes/c/s/v/f", Bytes([1]), 1, overwrite: true));

        Assert.Equal("VOLSYNC1005", ex.Code);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("upload", ex.Operation);
        // Each wait is 1 s plus at most 0.25 s of jitter: two fit in 2.5 s, a third does not.
        Assert.Equal(3, handler.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(400)]
    public async Task Server_errors_and_client_errors_are_not_retried(int status)
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(status, """{"error_code":"INTERNAL_ERROR","message":"boom"}""")));
        using var client = Create(handler).Client;

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.DeleteFileAsync("/Volumes/c/s/v/f"));

        Assert.Equal(1, handler.Count);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
    }

    [Fact]
    public async Task Connection_failures_are_retried_then_reported_as_unreachable()
    {
        var handler = new StubHandler((_, _, _) => throw new HttpRequestException("Connection refused (adb-1.azuredatabricks.net:443)", new SocketException((int)SocketError.ConnectionRefused)));
        var (client, delays) = Create(handler, budget: TimeSpan.FromMilliseconds(1));
        using (client)
        {
            var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.GetFileMetadataAsync("/Volumes/c/s/v/f"));

            Assert.Equal("VOLSYNC1007", ex.Code);
            Assert.Contains("https://adb-1.azuredatabricks.net", ex.Message);
            Assert.Null(ex.StatusCode);
        }

        Assert.Equal(1, handler.Count);
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    public async Task A_host_that_does_not_resolve_or_verify_fails_at_once_despite_a_large_budget(HttpRequestError error)
    {
        var handler = new StubHandler((_, _, _) => throw new HttpRequestException(error, "Name or service not known (adb-1.azuredatabricks.net:443)"));
        var (client, delays) = Create(handler, budget: TimeSpan.FromMinutes(5));
        using (client)
        {
            var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.GetFileMetadataAsync("/Volumes/c/s/v/f"));

            Assert.Equal("VOLSYNC1007", ex.Code);
            Assert.Contains("1 attempt in", ex.Message);
        }

        Assert.Equal(1, handler.Count);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_and_succeeds()
    {
        var handler = new StubHandler((_, n, _) => n == 1
            ? throw new HttpRequestException("The response ended prematurely.", new IOException("reset"))
            : Task.FromResult(StubHandler.Status(200)));
        var (client, delays) = Create(handler);
        using (client)
        {
            await client.UploadAsync("/Volumes/c/s/v/f", Bytes([9]), 1, overwrite: true);
        }

        Assert.Equal(2, handler.Count);
        Assert.Single(delays);
    }

    [Fact]
    public async Task A_stalled_request_times_out_and_is_reported_as_timeout()
    {
        var handler = new StubHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return StubHandler.Status(200);
        });
        using var client = Create(handler, budget: TimeSpan.Zero, inactivity: TimeSpan.FromMilliseconds(50)).Client;

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.DeleteFileAsync("/Volumes/c/s/v/f"));

        Assert.Equal("VOLSYNC1008", ex.Code);
    }

    [Fact]
    public async Task Cancellation_stops_retrying_with_operation_canceled()
    {
        using var cts = new CancellationTokenSource();
        var handler = new StubHandler((_, _, _) =>
        {
            cts.Cancel();
            return Task.FromResult(StubHandler.Status(503));
        });
        using var client = Create(handler).Client;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DeleteFileAsync("/Volumes/c/s/v/f", cts.Token));
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task A_local_read_failure_is_not_retried_and_surfaces_as_itself()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(200)));
        using var client = Create(handler).Client;

        var ex = await Assert.ThrowsAsync<IOException>(() => client.UploadAsync("/Volumes/c/s/v/f", _ => new ValueTask<Stream>(new FailingStream()), 10, overwrite: true));

        Assert.Equal("disk on fire", ex.Message);
        Assert.True(handler.Count <= 1);
    }

    [Fact]
    public async Task A_source_shorter_than_announced_is_a_coded_error()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(200)));
        using var client = Create(handler).Client;

        var ex = await Assert.ThrowsAsync<VolSyncException>(() => client.UploadAsync("/Volumes/c/s/v/f", Bytes([1, 2]), 5, overwrite: true));

        Assert.Equal("VOLSYNC2051", ex.Code);
    }

    [Fact]
    public async Task Errors_never_contain_the_token()
    {
        var handler = new StubHandler((request, _, _) => Task.FromResult(StubHandler.Status(401, "{\"message\":\"Invalid access token.\"}")));
        using var client = Create(handler).Client;

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.CatalogExistsAsync("main"));

        // The 401 form of the front door's "Invalid access token." is the dead-token error, as the 403 form is.
        Assert.Equal("VOLSYNC1030", ex.Code);
        Assert.Contains("personal access token (profile ci)", ex.Message);
        Assert.DoesNotContain(Token, ex.ToString());
    }

    [Fact]
    public void Plain_http_is_refused_for_remote_hosts_but_allowed_on_loopback()
    {
        var credentials = new PatCredentials(Token);

        var ex = Assert.Throws<VolSyncException>(() => new DatabricksClient(new Uri("http://adb-1.azuredatabricks.net"), credentials));
        Assert.Equal("VOLSYNC2071", ex.Code);
        using var loopback = new DatabricksClient(new Uri("http://127.0.0.1:5000"), credentials);
    }

    [Fact]
    public async Task Debug_log_has_timing_lines_and_never_headers()
    {
        var handler = new StubHandler((_, n, _) => Task.FromResult(n == 1 ? StubHandler.Status(429) : StubHandler.Status(404)));
        var logger = new ListLogger();
        using var client = new DatabricksClient(Host, new PatCredentials(Token), new DatabricksClientOptions { Handler = handler, Logger = logger, RetryDelay = (_, _) => Task.CompletedTask });

        Assert.Null(await client.GetFileMetadataAsync("/Volumes/c/s/v/a b"));

        Assert.Contains(logger.Lines, l => l.StartsWith("HEAD /api/2.0/fs/files/Volumes/c/s/v/a%20b → 429 in ") && l.EndsWith("(attempt 1)"));
        Assert.Contains(logger.Lines, l => l.StartsWith("HEAD /api/2.0/fs/files/Volumes/c/s/v/a%20b → 404 in ") && l.EndsWith("(attempt 2)"));
        Assert.DoesNotContain(logger.Lines, l => l.Contains(Token) || l.Contains("Authorization"));
    }

    [Fact]
    public async Task A_download_that_stalls_mid_body_fails_with_a_code()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) }));
        using var client = Create(handler, inactivity: TimeSpan.FromMilliseconds(100)).Client;
        using var download = await client.OpenReadAsync("/Volumes/c/s/v/f");
        var buffer = new byte[16];

        await download.ReadExactlyAsync(buffer.AsMemory(0, 1));
        var ex = await Assert.ThrowsAsync<VolSyncException>(async () => await download.ReadExactlyAsync(buffer.AsMemory(0, 1)));

        Assert.Equal("VOLSYNC1012", ex.Code);
        Assert.Contains("/Volumes/c/s/v/f", ex.Message);
    }

    private sealed class StallingStream : MemoryStream
    {
        private int _reads;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_reads++ == 0)
            {
                buffer.Span[0] = 42;
                return 1;
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return 0;
        }
    }

    private sealed class ListLogger : ISyncLogger
    {
        public List<string> Lines { get; } = [];

        public void Log(SyncLogLevel level, string message, string? code = null)
        {
            lock (Lines)
            {
                Lines.Add(message);
            }
        }
    }

    private sealed class FailingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");
    }
}
