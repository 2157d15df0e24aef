using VolSync.Auth.Providers;

namespace VolSync.Auth.Azure;

/// <summary>One way of getting Microsoft Entra ID tokens: a client secret, a federated GitHub token, the Azure CLI, a managed identity.</summary>
internal abstract class AzureTokenSource
{
    /// <summary>The unified-auth type name, e.g. <c>azure-client-secret</c>.</summary>
    public abstract string AuthType { get; }

    /// <summary>Who the tokens are for, for messages; never a secret.</summary>
    public abstract string Identity { get; }

    /// <summary>True when a service-management token is best effort (a user's Azure CLI login may not reach it), as in the SDKs.</summary>
    public virtual bool ManagementTokenOptional => false;

    /// <summary>A token for a v1 resource (an application id or the management endpoint); throws a coded exception without secrets.</summary>
    public abstract Task<OAuthToken> GetTokenAsync(string resource, CancellationToken cancellationToken);
}
