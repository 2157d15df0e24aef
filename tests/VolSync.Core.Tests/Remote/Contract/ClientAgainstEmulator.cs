using VolSync.Auth;
using VolSync.Emulator;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Contract;

/// <summary>
/// The real client against an in-process emulator over HTTP, with the volume <c>main.default.vol</c> created.
/// Retry sleeps are shortened (the decisions are the client's own; only the waiting is skipped).
/// </summary>
internal sealed class ClientAgainstEmulator : IAsyncDisposable
{
    public const string Token = "contract-token";
    public const string Volume = "/Volumes/main/default/vol";

    private ClientAgainstEmulator(EmulatorServer server, string root, DatabricksClient client)
    {
        Server = server;
        Root = root;
        Client = client;
    }

    public EmulatorServer Server { get; }

    public string Root { get; }

    public DatabricksClient Client { get; }

    public RequestLog Requests => Server.Requests;

    /// <summary>Where the emulator keeps a remote path on disk.</summary>
    public string DiskPath(string remotePath) => Path.Combine(Root, remotePath.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));

    public static async Task<ClientAgainstEmulator> StartAsync(
        Action<EmulatorOptions>? configure = null, TimeSpan? retryBudget = null, int listPageSize = 1000, int? seed = null, int? maxEmptyPagesInARow = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "volsync-client-contract", Guid.NewGuid().ToString("N"));
        var options = new EmulatorOptions { RootDirectory = root, RequiredToken = Token, Seed = seed };
        configure?.Invoke(options);
        var server = await EmulatorServer.StartAsync(options);
        var client = NewClient(server.BaseUri, Token, retryBudget, listPageSize, maxEmptyPagesInARow);
        var harness = new ClientAgainstEmulator(server, root, client);
        await client.CreateVolumeAsync(new CreateVolumeRequest("main", "default", "vol"));
        server.Requests.Clear();
        return harness;
    }

    public static DatabricksClient NewClient(Uri host, string token, TimeSpan? retryBudget = null, int listPageSize = 1000, int? maxEmptyPagesInARow = null) =>
        NewClient(host, new PatCredentials(token, "personal access token (contract tests)"), retryBudget, listPageSize, maxEmptyPagesInARow);

    public static DatabricksClient NewClient(Uri host, IDatabricksCredentials credentials, TimeSpan? retryBudget = null, int listPageSize = 1000, int? maxEmptyPagesInARow = null) =>
        new(host, credentials, new DatabricksClientOptions
        {
            RetryBudget = retryBudget ?? TimeSpan.FromMinutes(5),
            ListPageSize = listPageSize,
            RetryDelay = (_, ct) => Task.Delay(TimeSpan.FromMilliseconds(2), ct),
            MaxEmptyPagesInARow = maxEmptyPagesInARow ?? PaginationGuard.DefaultMaxEmptyPagesInARow,
        });

    public static Func<CancellationToken, ValueTask<Stream>> Content(byte[] bytes) => _ => new ValueTask<Stream>(new MemoryStream(bytes, writable: false));

    public async Task<byte[]> DownloadAsync(string remotePath)
    {
        using var stream = await Client.OpenReadAsync(remotePath);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
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
            // A temp folder left behind is harmless.
        }
    }
}
