using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace VolSync.Emulator.Tests;

/// <summary>An in-process emulator on a temp root with a volume main.default.vol and a bearer-authenticated client.</summary>
public sealed class TestEmulator : IAsyncDisposable
{
    public const string Token = "test-token-123";
    public const string VolumeRoot = "/Volumes/main/default/vol";

    private TestEmulator(EmulatorServer server, string root, HttpClient client)
    {
        Server = server;
        Root = root;
        Client = client;
    }

    public EmulatorServer Server { get; }
    public string Root { get; }
    public HttpClient Client { get; }

    public string VolumeDirectory => Path.Combine(Root, "Volumes", "main", "default", "vol");

    public static async Task<TestEmulator> StartAsync(Func<string, EmulatorOptions>? options = null, bool createVolume = true, string? root = null)
    {
        root ??= NewRoot();
        var server = await EmulatorServer.StartAsync(options?.Invoke(root) ?? new EmulatorOptions { RootDirectory = root });
        var client = NewClient(server, server.Options.RequiredToken ?? Token);
        var emulator = new TestEmulator(server, root, client);
        if (createVolume)
        {
            using var response = await emulator.CreateVolumeAsync("vol");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        server.Requests.Clear();
        return emulator;
    }

    public static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "volsync-emu-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    public static HttpClient NewClient(EmulatorServer server, string? token)
    {
        var client = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static string Files(string relative) => "/api/2.0/fs/files" + VolumeRoot + "/" + relative;

    public static string Directories(string relative = "") =>
        "/api/2.0/fs/directories" + VolumeRoot + (relative.Length > 0 ? "/" + relative : string.Empty);

    public Task<HttpResponseMessage> CreateVolumeAsync(string name, string catalog = "main", string schema = "default") =>
        Client.PostAsync("/api/2.1/unity-catalog/volumes", Json(new { catalog_name = catalog, schema_name = schema, name, volume_type = "MANAGED" }));

    public async Task PutAsync(string relative, string content)
    {
        using var response = await Client.PutAsync(Files(relative), new ByteArrayContent(Encoding.UTF8.GetBytes(content)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the standard error shape and returns the body.</summary>
    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode, string? reason = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadJsonAsync(response);
        Assert.Equal(errorCode, body.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        var details = body.GetProperty("details").EnumerateArray().ToList();
        var requestInfo = Assert.Single(details, d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.RequestInfo");
        Assert.True(Guid.TryParse(requestInfo.GetProperty("request_id").GetString(), out _));
        Assert.Equal(string.Empty, requestInfo.GetProperty("serving_data").GetString());
        if (reason is not null)
        {
            var errorInfo = Assert.Single(details, d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.ErrorInfo");
            Assert.Equal(reason, errorInfo.GetProperty("reason").GetString());
            Assert.False(string.IsNullOrEmpty(errorInfo.GetProperty("domain").GetString()));
        }

        return body;
    }

    /// <summary>
    /// Asserts the front door's shape (authentication in front of every API, as recorded on real workspaces):
    /// <c>{"error_code":&lt;status as a number&gt;,"message":...}</c>, no details, the message in <c>X-Databricks-Reason-Phrase</c>.
    /// </summary>
    public static async Task AssertFrontDoorErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, Assert.Single(response.Headers.GetValues("X-Databricks-Reason-Phrase")));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var body = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("error_code").ValueKind);
        Assert.Equal((int)status, body.GetProperty("error_code").GetInt32());
        Assert.Equal(message, body.GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("details", out _));
    }

    /// <summary>Sends a request byte-for-byte (HttpClient would normalise dot segments) and returns the status code.</summary>
    public async Task<int> SendRawAsync(string requestLine, string? extraHeaders = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Server.BaseUri.Port);
        var stream = tcp.GetStream();
        var request = $"{requestLine}\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {Token}\r\nConnection: close\r\n{extraHeaders}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? string.Empty;
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits (without asserting any duration) until the server has logged at least <paramref name="count"/> matching
    /// requests. Only for a client that does not wait for its answer (it cut the connection itself): an answered or
    /// cut request is in the log by the time its client knows.
    /// </summary>
    public async Task WaitForRequestsAsync(int count, string? method = null, string? pathPrefix = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Server.Requests.Count(method, pathPrefix) < count)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
