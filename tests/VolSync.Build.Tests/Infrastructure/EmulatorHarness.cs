using VolSync.Auth;
using VolSync.Emulator;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Build.Tests.Infrastructure;

/// <summary>
/// An in-process emulator that only accepts <see cref="Token"/>, a source folder, and tasks wired to them
/// through the task's environment hook: the token reaches the task the way it does in a real build, from
/// DATABRICKS_TOKEN, never as a parameter.
/// </summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    public const string Token = "dapi-SECRET-b1d5-4c1e-token";

    private readonly TempDirectory _temp;

    private EmulatorHarness(TempDirectory temp, EmulatorServer server)
    {
        _temp = temp;
        Server = server;
        Directory.CreateDirectory(Source);
    }

    public EmulatorServer Server { get; }

    public RecordingBuildEngine Engine { get; } = new();

    public string EmulatorRoot => RootOf(_temp);

    public string Source => Path.Combine(_temp.Path, "source");

    public string HashCache => Path.Combine(_temp.Path, "cache");

    public static async Task<EmulatorHarness> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var temp = new TempDirectory("volsync-build-emu-");
        Directory.CreateDirectory(RootOf(temp));
        var options = new EmulatorOptions { RootDirectory = RootOf(temp), RequiredToken = Token };
        configure?.Invoke(options);
        return new EmulatorHarness(temp, await EmulatorServer.StartAsync(options));
    }

    private static string RootOf(TempDirectory temp) => Path.Combine(temp.Path, "remote");

    public string WriteSource(string relativePath, string content)
    {
        var full = Path.Combine(Source, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>User files the emulator stores for a remote directory (not VolSync's <c>.volsync/</c> folder), as paths relative to it.</summary>
    public IReadOnlyList<string> RemoteFiles(string remoteDirectory) => StoredFiles(remoteDirectory).Where(f => !f.StartsWith(".volsync/", StringComparison.Ordinal)).ToList();

    /// <summary>Every file the emulator stores for a remote directory, VolSync's own included, as paths relative to it.</summary>
    public IReadOnlyList<string> StoredFiles(string remoteDirectory)
    {
        var local = Path.Combine(EmulatorRoot, remoteDirectory.TrimStart('/'));
        return Directory.Exists(local)
            ? Directory.EnumerateFiles(local, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(local, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    public async Task CreateVolumeAsync(string catalog, string schema, string volume)
    {
        using var client = new DatabricksClient(Server.BaseUri, new PatCredentials(Token));
        await client.CreateVolumeAsync(new CreateVolumeRequest(catalog, schema, volume));
    }

    /// <param name="volumePath">The target.</param>
    /// <param name="environment">Variables the task sees on top of DATABRICKS_HOST and DATABRICKS_TOKEN; a null value unsets one.</param>
    public SyncToDatabricksVolume NewTask(string volumePath, IReadOnlyDictionary<string, string?>? environment = null) => new()
    {
        BuildEngine = Engine,
        ProjectName = "test",
        SourceDirectory = Source,
        VolumePath = volumePath,
        HashCacheDirectory = HashCache,
        HomeDirectory = _temp.Path,
        GetEnvironmentVariable = name => environment is not null && environment.TryGetValue(name, out var value) ? value : name switch
        {
            "DATABRICKS_HOST" => Server.BaseUri.ToString(),
            "DATABRICKS_TOKEN" => Token,
            _ => null,
        },
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}
