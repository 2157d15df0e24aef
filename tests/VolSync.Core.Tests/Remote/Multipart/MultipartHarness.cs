using System.Security.Cryptography;
using VolSync.Auth;
using VolSync.Core.Tests.Remote.Contract;
using VolSync.Core.Tests.TestSupport;
using VolSync.Emulator;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Multipart;

/// <summary>
/// The real client against the emulator's multipart flow: 5 MiB parts (the cloud's minimum) so a few MiB make
/// several parts, short retry sleeps, and helpers to write random files and read what landed.
/// </summary>
internal sealed class MultipartHarness : IAsyncDisposable
{
    public const long MiB = 1024 * 1024;
    public const long PartSize = 5 * MiB;

    private MultipartHarness(ClientAgainstEmulator inner, DatabricksClient client, RecordingLogger logger)
    {
        Inner = inner;
        Client = client;
        Logger = logger;
    }

    public ClientAgainstEmulator Inner { get; }

    public EmulatorServer Server => Inner.Server;

    public RequestLog Requests => Inner.Requests;

    public DatabricksClient Client { get; }

    public RecordingLogger Logger { get; }

    public static async Task<MultipartHarness> StartAsync(MultipartMode mode = MultipartMode.Aws, long partSize = PartSize, TimeSpan? inactivity = null, int concurrency = 3)
    {
        var inner = await ClientAgainstEmulator.StartAsync(o => o.Multipart = mode);
        var logger = new RecordingLogger();
        var client = new DatabricksClient(inner.Server.BaseUri, new PatCredentials(ClientAgainstEmulator.Token, "personal access token (multipart tests)"), new DatabricksClientOptions
        {
            MultipartPartSize = partSize,
            MultipartConcurrency = concurrency,
            InactivityTimeout = inactivity ?? TimeSpan.FromSeconds(60),
            Logger = logger,
            RetryDelay = (_, ct) => Task.Delay(TimeSpan.FromMilliseconds(2), ct),
        });
        return new MultipartHarness(inner, client, logger);
    }

    /// <summary>A random file of <paramref name="size"/> bytes under the emulator's temp root (outside the volumes).</summary>
    public async Task<string> WriteRandomFileAsync(long size, string name = "source.bin")
    {
        var path = Path.Combine(Inner.Root, "local", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var chunk = new byte[MiB];
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        for (long written = 0; written < size; written += chunk.Length)
        {
            RandomNumberGenerator.Fill(chunk);
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - written)));
        }

        return path;
    }

    public static Func<CancellationToken, ValueTask<Stream>> Open(string path) =>
        _ => new ValueTask<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));

    public Task<UploadRoute> UploadAsync(string remotePath, string localPath, UploadOptions? options = null, CancellationToken cancellationToken = default) =>
        Client.UploadAsync(remotePath, Open(localPath), new FileInfo(localPath).Length, options ?? new UploadOptions { MultipartThreshold = MultipartThreshold.Minimum }, cancellationToken);

    public string DiskPath(string remotePath) => Inner.DiskPath(remotePath);

    /// <summary>Requests to the stand-in cloud storage (presigned URLs), in completion order.</summary>
    public List<RecordedRequest> CloudRequests() => Requests.Snapshot().Where(r => r.Path.StartsWith("/cloud/", StringComparison.Ordinal)).ToList();

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Inner.DisposeAsync();
    }
}
