using VolSync.Emulator;

namespace VolSync.Cli.Tests.Infrastructure;

/// <summary>An in-process emulator over a fresh temporary root, stopped and deleted on dispose.</summary>
public sealed class TestEmulator : IAsyncDisposable
{
    private TestEmulator(EmulatorServer server, string root)
    {
        Server = server;
        Root = root;
    }

    public EmulatorServer Server { get; }

    public string Root { get; }

    public Uri BaseUri => Server.BaseUri;

    public EmulatorOptions Options => Server.Options;

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null, string? requiredToken = null)
    {
        var root = Directory.CreateTempSubdirectory("volsync-cli-emulator-").FullName;
        var options = new EmulatorOptions { RootDirectory = root, Port = 0, RequiredToken = requiredToken };
        configure?.Invoke(options);

        return new TestEmulator(await EmulatorServer.StartAsync(options), root);
    }

    /// <summary>The folder on disk that holds a volume's files.</summary>
    public string VolumeDirectory(string catalog, string schema, string volume) => Path.Combine(Root, "Volumes", catalog, schema, volume);

    /// <summary>Every user file of a volume (not VolSync's own <c>.volsync/</c> folders), as paths relative to the volume with '/' separators.</summary>
    public IReadOnlyList<string> FilesIn(string catalog, string schema, string volume)
    {
        var directory = VolumeDirectory(catalog, schema, volume);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Where(f => !IsVolSyncFile(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Release manifests of a volume (any remote root in it), as paths relative to the volume.</summary>
    public IReadOnlyList<string> ManifestsIn(string catalog, string schema, string volume)
    {
        var directory = VolumeDirectory(catalog, schema, volume);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                .Where(IsVolSyncFile)
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
    }

    private static bool IsVolSyncFile(string relative) =>
        relative.StartsWith(".volsync/", StringComparison.Ordinal) || relative.Contains("/.volsync/", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
