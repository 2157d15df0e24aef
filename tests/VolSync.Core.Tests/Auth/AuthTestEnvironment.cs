using VolSync.Auth;
using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Auth;

/// <summary>A private home folder and environment for one test: nothing is read from the real user or process.</summary>
internal sealed class AuthTestEnvironment : IDisposable
{
    public AuthTestEnvironment()
    {
        Home = Path.Combine(Path.GetTempPath(), "volsync-auth-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Home);
        Variables["PATH"] = string.Empty;
    }

    public string Home { get; }

    public string ConfigPath => Path.Combine(Home, ".databrickscfg");

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public string WriteConfig(string text, string? path = null)
    {
        path ??= ConfigPath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public AuthSettings Settings(string? host = null, string? profile = null, string? authType = null, HttpMessageHandler? handler = null, ISyncLogger? logger = null) => new()
    {
        Host = host,
        Profile = profile,
        AuthType = authType,
        GetEnvironmentVariable = name => Variables.TryGetValue(name, out var value) ? value : null,
        HomeDirectory = Home,
        HttpHandler = handler,
        Logger = logger,
    };

    public Task<ResolvedAuth> ResolveAsync(string? host = null, string? profile = null, string? authType = null) =>
        DatabricksAuth.ResolveAsync(Settings(host, profile, authType));

    public async Task<VolSyncException> ResolveFailsAsync(string? host = null, string? profile = null, string? authType = null) =>
        await Assert.ThrowsAnyAsync<VolSyncException>(() => ResolveAsync(host, profile, authType));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
