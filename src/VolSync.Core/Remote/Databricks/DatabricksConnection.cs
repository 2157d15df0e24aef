using VolSync.Auth;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// One authenticated connection to a workspace for the length of a command or a build: unified auth resolved once,
/// and the client built on it. Holds the identity and where the configuration came from, for hosts' messages.
/// </summary>
public sealed class DatabricksConnection : IDisposable
{
    private DatabricksConnection(DatabricksClient client, ResolvedAuth auth)
    {
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
        var auth = await DatabricksAuth.ResolveAsync(settings.Auth, cancellationToken).ConfigureAwait(false);
        var logger = settings.Logger ?? NullSyncLogger.Instance;
        logger.Log(SyncLogLevel.Debug, $"workspace {auth.Host} as {auth.Credentials.Identity} [{auth.Credentials.AuthType}], configured by {auth.Source}");
        var client = new DatabricksClient(auth.Host, auth.Credentials, new DatabricksClientOptions
        {
            Logger = settings.Logger,
            UserAgentExtra = settings.UserAgentExtra,
            RetryBudget = settings.RetryBudget ?? SyncDefaults.RetryBudget,
        });
        return new DatabricksConnection(client, auth);
    }

    public void Dispose() => Client.Dispose();
}
