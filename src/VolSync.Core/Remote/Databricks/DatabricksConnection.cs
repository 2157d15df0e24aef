using VolSync.Auth;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// One authenticated connection to a workspace for the length of a command or a build: one
/// <see cref="DatabricksTransport"/> (so token requests and API calls share the host's limiter, retries and budget),
/// unified auth resolved once through it, and the client built on it. Holds the identity and where the
/// configuration came from, for hosts' messages.
/// </summary>
public sealed class DatabricksConnection : IDisposable
{
    private readonly DatabricksTransport _transport;

    private DatabricksConnection(DatabricksTransport transport, DatabricksClient client, ResolvedAuth auth)
    {
        _transport = transport;
        Client = client;
        Auth = auth;
    }

    public DatabricksClient Client { get; }

    /// <summary>The workspace, the credentials and their source.</summary>
    public ResolvedAuth Auth { get; }

    public Uri Host => Auth.Host;

    /// <summary>Who we act as, e.g. <c>personal access token from DATABRICKS_TOKEN</c>. Never a secret.</summary>
    public string Identity => Auth.Credentials.Identity;

    /// <summary>Where the configuration came from, e.g. <c>profile 'dev' in ~/.databrickscfg</c>.</summary>
    public string Source => Auth.Source;

    /// <summary>
    /// Resolves authentication (VOLSYNC1xxx/2xxx when nothing usable is configured) and builds the client. Call it
    /// after the settings were validated: this is the first step that may read credentials or use the network.
    /// </summary>
    public static async Task<DatabricksConnection> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var transport = new DatabricksTransport(new DatabricksClientOptions
        {
            Logger = settings.Logger,
            UserAgentExtra = settings.UserAgentExtra,
            RetryBudget = settings.RetryBudget ?? SyncDefaults.RetryBudget,
            OnRetry = settings.OnRetry,
        });
        try
        {
            var authSettings = settings.Auth.HttpHandler is null ? settings.Auth.WithHttpHandler(transport.AuthHandler) : settings.Auth;
            var auth = await DatabricksAuth.ResolveAsync(authSettings, cancellationToken).ConfigureAwait(false);
            var logger = settings.Logger ?? NullSyncLogger.Instance;
            logger.Log(SyncLogLevel.Debug, $"workspace {auth.Host} as {auth.Credentials.Identity} [{auth.Credentials.AuthType}], configured by {auth.Source}");
            return new DatabricksConnection(transport, new DatabricksClient(auth.Host, auth.Credentials, transport), auth);
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _transport.Dispose();
    }
}
