using VolSync.Emulator;

namespace VolSync.Ci.Tests.Infrastructure;

/// <summary>An in-process emulator with the volume <c>main.default.apps</c>, and a local folder to publish.</summary>
public sealed class CiEmulator : IAsyncDisposable
{
    public const string VolumePath = "/Volumes/main/default/apps";

    private CiEmulator(EmulatorServer server, string root)
    {
        Server = server;
        Root = root;
        Directory.CreateDirectory(Publish);
        File.WriteAllText(Path.Combine(Publish, "app.dll"), "app binary");
        File.WriteAllText(Path.Combine(Publish, "app.json"), "{\"a\":1}");
        Directory.CreateDirectory(Path.Combine(Publish, "docs"));
        File.WriteAllText(Path.Combine(Publish, "docs", "readme.md"), "# docs");
    }

    public EmulatorServer Server { get; }

    public string Root { get; }

    /// <summary>A publish folder with app.dll, app.json and docs/readme.md.</summary>
    public string Publish => Path.Combine(Root, "publish");

    public string Host => Server.BaseUri.AbsoluteUri.TrimEnd('/');

    public static async Task<CiEmulator> StartAsync(Func<string, EmulatorOptions>? options = null)
    {
        var root = Directory.CreateTempSubdirectory("volsync-ci-emu-").FullName;
        var storage = Path.Combine(root, "remote");
        // A folder at <root>/Volumes/<c>/<s>/<v> is adopted as a managed volume at start.
        Directory.CreateDirectory(Path.Combine(storage, "Volumes", "main", "default", "apps"));
        var server = await EmulatorServer.StartAsync(options?.Invoke(storage) ?? new EmulatorOptions { RootDirectory = storage });
        return new CiEmulator(server, root);
    }

    /// <summary>The files stored under a remote folder, relative to it.</summary>
    public IReadOnlyList<string> RemoteFiles(string remotePath)
    {
        var local = Path.Combine(Root, "remote", remotePath.TrimStart('/'));
        return Directory.Exists(local)
            ? [.. Directory.EnumerateFiles(local, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(local, f).Replace('\\', '/')).Where(f => !f.StartsWith(".volsync/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Whether a file is stored at a remote path (<c>/Volumes/...</c>), hidden <c>.volsync/</c> files included.</summary>
    public bool RemoteFileExists(string remotePath) => File.Exists(Path.Combine(Root, "remote", remotePath.TrimStart('/')));

    public async ValueTask DisposeAsync()
    {
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
