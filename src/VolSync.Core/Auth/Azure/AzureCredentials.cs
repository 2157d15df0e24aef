using VolSync.Auth.Providers;
using VolSync.Diagnostics;

namespace VolSync.Auth.Azure;

/// <summary>
/// Azure Databricks credentials: a Microsoft Entra ID token for the Azure Databricks application as the bearer token
/// and, when the workspace resource id is configured, that id and a service-management token in the headers the
/// service reads to let a service principal that is not yet a workspace user in. Each token is cached and refreshed
/// 40 seconds before it expires.
/// </summary>
internal sealed class AzureCredentials : IDatabricksCredentials
{
    public const string ResourceIdHeader = "X-Databricks-Azure-Workspace-Resource-Id";
    public const string ManagementTokenHeader = "X-Databricks-Azure-SP-Management-Token";

    private readonly AzureTokenSource _source;
    private readonly AzureContext _azure;
    private readonly ISyncLogger _logger;
    private readonly TokenCache _workspace;
    private readonly TokenCache? _management;
    private volatile bool _managementUnavailable;

    public AzureCredentials(AzureTokenSource source, AzureContext azure, ISyncLogger? logger, TimeProvider? time)
    {
        _source = source;
        _azure = azure;
        _logger = logger ?? NullSyncLogger.Instance;
        _workspace = new TokenCache(ct => source.GetTokenAsync(azure.ApplicationId, ct), time);
        _management = azure.ResourceId is null ? null : new TokenCache(ct => source.GetTokenAsync(azure.Cloud.ManagementResource, ct), time);
    }

    public string AuthType => _source.AuthType;

    public string Identity => _source.Identity;

    public async ValueTask<string> GetAuthorizationHeaderAsync(CancellationToken cancellationToken = default) =>
        (await _workspace.GetAsync(cancellationToken).ConfigureAwait(false)).AuthorizationHeader;

    public async ValueTask<IReadOnlyList<KeyValuePair<string, string>>> GetAdditionalHeadersAsync(CancellationToken cancellationToken = default)
    {
        if (_management is null || _azure.ResourceId is not { } resourceId)
        {
            return [];
        }

        if (_managementUnavailable)
        {
            return [new(ResourceIdHeader, resourceId)];
        }

        OAuthToken management;
        try
        {
            management = await _management.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (VolSyncException ex) when (_source.ManagementTokenOptional)
        {
            // Asked once: a login without access to the management endpoint will not gain it during this run.
            _managementUnavailable = true;
            _logger.Log(SyncLogLevel.Debug, $"auth: no service-management token ({ex.Code}); sending the workspace resource id alone");
            return [new(ResourceIdHeader, resourceId)];
        }

        return [new(ResourceIdHeader, resourceId), new(ManagementTokenHeader, management.AccessToken)];
    }

    public override string ToString() => $"{AuthType}: {Identity}";
}
