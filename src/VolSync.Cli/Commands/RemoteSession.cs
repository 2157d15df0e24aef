using System.CommandLine;
using System.Reflection;
using VolSync.Auth;
using VolSync.Cli.Rendering;
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
    private readonly DatabricksTransport _transport;

    private RemoteSession(DatabricksTransport transport, DatabricksClient client)
    {
        _transport = transport;
        Client = client;
    }

    public DatabricksClient Client { get; }

    public static string UserAgent { get; } = "volsync-cli/" + ToolVersion();

    /// <summary>
    /// Authenticates and connects through one transport for the whole command, so token requests and API calls
    /// share the host's limiter, retries and budget.
    /// </summary>
    /// <param name="connection">Host, profile and retry options of the command.</param>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="logger">Debug lines (HTTP timing, auth) with <c>--verbose</c>.</param>
    /// <param name="cancellationToken">Stops everything.</param>
    /// <param name="onRetry">Shows retries; null writes them to stderr.</param>
    public static async Task<RemoteSession> OpenAsync(ConnectionOptions connection, ParseResult parseResult, ISyncLogger logger, CancellationToken cancellationToken, Action<RequestRetry>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transport = new DatabricksTransport(new DatabricksClientOptions
        {
            Logger = logger,
            UserAgentExtra = UserAgent,
            RetryBudget = connection.RetryBudget(parseResult),
            OnRetry = onRetry ?? new RetryNotices(line => Console.Error.WriteLine(line)).Report,
        });
        try
        {
            var auth = await DatabricksAuth.ResolveAsync(connection.ToSettings(parseResult, logger, transport.AuthHandler), cancellationToken).ConfigureAwait(false);
            logger.Log(SyncLogLevel.Debug, $"workspace {auth.Host} as {auth.Credentials.Identity} [{auth.Credentials.AuthType}], configured by {auth.Source}");
            return new RemoteSession(transport, new DatabricksClient(auth.Host, auth.Credentials, transport));
        }
        catch
        {
            transport.Dispose();
            throw;
        }
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

    public void Dispose()
    {
        Client.Dispose();
        _transport.Dispose();
    }

    private static string ToolVersion()
    {
        var informational = typeof(RemoteSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
