namespace VolSync.Emulator.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Same_seed_gives_the_same_fault_sequence_with_all_kinds_present()
    {
        var first = await StatusSequenceAsync(seed: 42);
        var second = await StatusSequenceAsync(seed: 42);

        Assert.Equal(first, second);
        Assert.Contains(429, first);
        Assert.Contains(503, first);
        Assert.Contains(200, first);
    }

    [Fact]
    public async Task Rate_429_answers_request_limit_exceeded_with_retry_after()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RetryAfterSeconds = 7 });
        emu.Server.Options.Rate429 = 1;

        using var response = await emu.Client.GetAsync(TestEmulator.Directories());

        await TestEmulator.AssertErrorAsync(response, HttpStatusCode.TooManyRequests, "REQUEST_LIMIT_EXCEEDED");
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Rate_503_answers_temporarily_unavailable()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Options.Rate503 = 1;

        using var response = await emu.Client.GetAsync(TestEmulator.Directories());

        await TestEmulator.AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "TEMPORARILY_UNAVAILABLE");
    }

    [Fact]
    public async Task Rate_drop_cuts_connections()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Options.RateDrop = 1;

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => emu.Client.GetAsync(TestEmulator.Directories()));

        Assert.Equal(0, emu.Server.Requests.Snapshot().Single().Status);
    }

    [Fact]
    public async Task Faults_can_be_switched_off_while_running()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Options.Rate503 = 1;
        using (var failing = await emu.Client.GetAsync(TestEmulator.Directories()))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        }

        emu.Server.Options.Rate503 = 0;

        using var ok = await emu.Client.GetAsync(TestEmulator.Directories());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Requests_beyond_max_concurrent_get_429_with_retry_after()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RetryAfterSeconds = 2 });
        emu.Server.Options.MaxConcurrent = 1;
        // The one admitted request holds its slot for the whole latency, so the others arrive while it is busy.
        emu.Server.Options.LatencyMs = 3000;

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => emu.Client.GetAsync(TestEmulator.Directories())));

        try
        {
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
            var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.NotEmpty(throttled);
            Assert.All(throttled, r => Assert.Equal(TimeSpan.FromSeconds(2), r.Headers.RetryAfter?.Delta));
            Assert.Equal(4, responses.Count(r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Requests_beyond_max_qps_in_one_second_get_429_with_retry_after_and_the_real_body()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RetryAfterSeconds = 2 });
        emu.Server.Options.MaxQps = 1;

        // Three at once: one is admitted, the other two arrive within the same second.
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => emu.Client.GetAsync(TestEmulator.Directories())));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.Equal(2, throttled.Count);
            foreach (var response in throttled)
            {
                Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
                await TestEmulator.AssertErrorAsync(response, HttpStatusCode.TooManyRequests, "REQUEST_LIMIT_EXCEEDED");
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        emu.Server.Options.MaxQps = 0;
        using var unlimited = await emu.Client.GetAsync(TestEmulator.Directories());
        Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
    }

    [Fact]
    public async Task A_scripted_fault_that_names_an_oauth_path_hits_it_and_a_rule_without_a_path_does_not()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Faults.FailNext(1, FaultKind.Status503);
        emu.Server.Faults.FailNext(1, FaultKind.Status429, "POST", "/oidc/v1/token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "all-apis" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oidc/v1/token") { Content = form };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("id:secret"u8.ToArray()));

        using var response = await emu.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(1, emu.Server.Faults.Pending);
        using var api = await emu.Client.GetAsync(TestEmulator.Directories());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
    }

    [Fact]
    public async Task Fail_next_hits_only_matching_requests_and_only_count_times()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.PutAsync("a.txt", "a");
        await emu.PutAsync("b.txt", "b");
        emu.Server.Faults.FailNext(2, FaultKind.Status503, "GET", "/a.txt");
        Assert.Equal(2, emu.Server.Faults.Pending);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(emu, HttpMethod.Head, TestEmulator.Files("a.txt")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(emu, HttpMethod.Get, TestEmulator.Files("b.txt")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(emu, HttpMethod.Get, TestEmulator.Files("a.txt")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(emu, HttpMethod.Get, TestEmulator.Files("a.txt")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(emu, HttpMethod.Get, TestEmulator.Files("a.txt")));
        Assert.Equal(0, emu.Server.Faults.Pending);
    }

    [Theory]
    [InlineData(FaultKind.Status429, 429)]
    [InlineData(FaultKind.Status500, 500)]
    [InlineData(FaultKind.Status502, 502)]
    [InlineData(FaultKind.Status504, 504)]
    public async Task Fail_next_answers_each_status_kind(FaultKind kind, int status)
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Faults.FailNext(1, kind);

        Assert.Equal((HttpStatusCode)status, await StatusAsync(emu, HttpMethod.Get, TestEmulator.Directories()));
    }

    [Fact]
    public async Task Dropped_upload_leaves_no_file_and_no_temp_file()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Faults.FailNext(1, FaultKind.Drop, "PUT");
        var payload = new byte[4 * 1024 * 1024];

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await emu.Client.PutAsync(TestEmulator.Files("dir/broken.bin"), new ByteArrayContent(payload));
        });

        var record = emu.Server.Requests.Snapshot().Single(r => r.Method == "PUT");
        Assert.Equal(0, record.Status);
        Assert.InRange(record.RequestBytes, 1, payload.Length - 1);
        await FilesSettleAsync(emu, 0);
        Assert.Empty(Directory.EnumerateFiles(emu.VolumeDirectory, "*", SearchOption.AllDirectories));

        // The retry of the same upload succeeds.
        using var retry = await emu.Client.PutAsync(TestEmulator.Files("dir/broken.bin"), new ByteArrayContent(payload));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(payload.Length, new FileInfo(Path.Combine(emu.VolumeDirectory, "dir", "broken.bin")).Length);
    }

    [Fact]
    public async Task Dropped_overwrite_keeps_the_previous_version_intact()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.PutAsync("keep.txt", "version 1");
        emu.Server.Faults.FailNext(1, FaultKind.Drop, "PUT");

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await emu.Client.PutAsync(TestEmulator.Files("keep.txt"), new ByteArrayContent(new byte[1024 * 1024]));
        });

        Assert.Equal(2, emu.Server.Requests.Count("PUT"));
        Assert.Equal("version 1", await File.ReadAllTextAsync(Path.Combine(emu.VolumeDirectory, "keep.txt")));
        await FilesSettleAsync(emu, 1);
        Assert.Single(Directory.EnumerateFiles(emu.VolumeDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Client_that_sends_less_than_its_content_length_leaves_nothing()
    {
        await using var emu = await TestEmulator.StartAsync();

        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", emu.Server.BaseUri.Port);
            var stream = tcp.GetStream();
            var head = $"PUT {TestEmulator.Files("short.bin")} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\nContent-Length: 100000\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(new byte[5000]);
            await stream.FlushAsync();
        }

        await emu.WaitForRequestsAsync(1, "PUT");
        Assert.Empty(Directory.EnumerateFiles(emu.VolumeDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Dropped_download_cuts_the_response_and_the_next_request_works()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.PutAsync("d.txt", new string('x', 100_000));
        emu.Server.Faults.FailNext(1, FaultKind.Drop, "GET");

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await emu.Client.GetAsync(TestEmulator.Files("d.txt"));
            await response.Content.ReadAsByteArrayAsync();
        });

        using var ok = await emu.Client.GetAsync(TestEmulator.Files("d.txt"));
        Assert.Equal(100_000, (await ok.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Dropped_delete_is_cut_before_anything_happens()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.PutAsync("stay.txt", "x");
        emu.Server.Faults.FailNext(1, FaultKind.Drop, "DELETE");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => emu.Client.DeleteAsync(TestEmulator.Files("stay.txt")));

        Assert.True(File.Exists(Path.Combine(emu.VolumeDirectory, "stay.txt")));
    }

    [Fact]
    public async Task Faults_do_not_apply_to_oauth_and_discovery_endpoints()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Options.Rate503 = 1;

        using var discovery = await emu.Client.GetAsync("/oidc/.well-known/oauth-authorization-server");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        using var config = await emu.Client.GetAsync("/.well-known/databricks-config");
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        using var token = await emu.Client.PostAsync("/oidc/v1/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "id",
            ["client_secret"] = "secret",
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var api = await emu.Client.GetAsync(TestEmulator.Directories());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
    }

    private static async Task<List<int>> StatusSequenceAsync(int seed)
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, Seed = seed });
        emu.Server.Options.Rate429 = 0.3;
        emu.Server.Options.Rate503 = 0.3;
        var statuses = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((int)await StatusAsync(emu, HttpMethod.Get, TestEmulator.Directories()));
        }

        return statuses;
    }

    private static async Task<HttpStatusCode> StatusAsync(TestEmulator emu, HttpMethod method, string url)
    {
        using var response = await emu.Client.SendAsync(new HttpRequestMessage(method, url));
        return response.StatusCode;
    }

    /// <summary>
    /// A request is logged when its connection is cut, and the store deletes its temporary file as the read fails,
    /// which can be a moment after the client saw the cut: waits (boundedly) for the folder to hold <paramref name="count"/> files.
    /// </summary>
    private static async Task FilesSettleAsync(TestEmulator emu, int count)
    {
        for (var waited = 0; Directory.EnumerateFiles(emu.VolumeDirectory, "*", SearchOption.AllDirectories).Count() != count && waited < 10_000; waited += 20)
        {
            await Task.Delay(20);
        }
    }
}
