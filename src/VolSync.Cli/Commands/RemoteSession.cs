using System.Reflection;
using VolSync.Auth;
using VolSync.Diagnostics;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Cli.Commands;

/// <summary>
/// One authenticated connection to a workspace for the length of a command, and the check every remote command
/// makes first: that the target volume exists, or precisely which of catalog, schema and volume does not.
/// </summary>
internal sealed class RemoteSession : IDisposable
{
    private RemoteSession(DatabricksClient client) => Client = client;

    public DatabricksClient Client { get; }

    public static string UserAgent { get; } = "volsync-cli/" + ToolVersion();

    public static async Task<RemoteSession> OpenAsync(AuthSettings settings, ISyncLogger logger, CancellationToken cancellationToken)
    {
        var auth = await DatabricksAuth.ResolveAsync(settings, cancellationToken).ConfigureAwait(false);
        logger.Log(SyncLogLevel.Debug, $"workspace {auth.Host} as {auth.Credentials.Identity} [{auth.Credentials.AuthType}], configured by {auth.Source}");
        var client = new DatabricksClient(auth.Host, auth.Credentials, new DatabricksClientOptions { Logger = logger, UserAgentExtra = UserAgent });
        return new RemoteSession(client);
    }

    /// <summary>Throws VOLSYNC1150/1151/1152 naming the first missing level, so the user knows what to create.</summary>
    public async Task EnsureVolumeExistsAsync(VolumeLocation location, CancellationToken cancellationToken)
    {
        ThrowIfMissing(await Client.GetVolumeStatusAsync(location, cancellationToken).ConfigureAwait(false), location.Catalog, location.Schema, location.Volume);
    }

    public async Task EnsureSchemaExistsAsync(string catalog, string schema, CancellationToken cancellationToken)
    {
        ThrowIfMissing(await Client.GetSchemaStatusAsync(catalog, schema, cancellationToken).ConfigureAwait(false), catalog, schema, volume: string.Empty);
    }

    private static void ThrowIfMissing(VolumeStatus? status, string catalog, string schema, string volume)
    {
        switch (status)
        {
            case VolumeStatus.CatalogMissing:
                throw DiagnosticCodes.CatalogNotFound.ToException(catalog);
            case VolumeStatus.SchemaMissing:
                throw DiagnosticCodes.SchemaNotFound.ToException(catalog, schema);
            case VolumeStatus.VolumeMissing:
                throw DiagnosticCodes.VolumeNotFound.ToException(catalog, schema, volume);
        }
    }

    public void Dispose() => Client.Dispose();

    private static string ToolVersion()
    {
        var informational = typeof(RemoteSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
