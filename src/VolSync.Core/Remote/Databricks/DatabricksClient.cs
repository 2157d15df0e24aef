using System.Runtime.CompilerServices;
using VolSync.Auth;

namespace VolSync.Remote.Databricks;

/// <summary>
/// The Databricks Files API and Unity Catalog volumes API over HttpClient. Contract only: the implementation
/// lands with issue 3.
/// </summary>
public sealed class DatabricksClient : IVolumeStore, IVolumeCatalog, IDisposable
{
    public DatabricksClient(Uri host, IDatabricksCredentials credentials, DatabricksClientOptions? options = null)
    {
        Host = host;
        _ = credentials;
        _ = options;
    }

    public Uri Host { get; }

    public async IAsyncEnumerable<RemoteEntry> ListDirectoryAsync(string directoryPath, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        throw new NotImplementedException();
#pragma warning disable CS0162 // Unreachable code: contract placeholder.
        yield break;
#pragma warning restore CS0162
    }

    public Task UploadAsync(string filePath, Func<CancellationToken, ValueTask<Stream>> openContent, long length, bool overwrite, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<VolumeInfo?> GetVolumeAsync(string catalog, string schema, string volume, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<VolumeInfo> CreateVolumeAsync(CreateVolumeRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<bool> CatalogExistsAsync(string catalog, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<bool> SchemaExistsAsync(string catalog, string schema, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
