namespace VolSync.Auth.Azure;

/// <summary>
/// What every Azure provider needs to know about the target: the workspace host, its cloud, the Entra ID application
/// that stands for Azure Databricks there, the authority tokens come from, the tenant and the optional workspace
/// resource id.
/// </summary>
internal sealed class AzureContext
{
    public AzureContext(Uri host, AzureCloud cloud, string applicationId, Uri authorityHost, string? resourceId, AzureTenant tenant)
    {
        Host = host;
        Cloud = cloud;
        ApplicationId = applicationId;
        AuthorityHost = authorityHost;
        ResourceId = resourceId;
        Tenant = tenant;
    }

    public Uri Host { get; }

    public AzureCloud Cloud { get; }

    /// <summary>The resource the workspace token is for (its scope is <c>&lt;id&gt;/.default</c>).</summary>
    public string ApplicationId { get; }

    /// <summary><c>AZURE_AUTHORITY_HOST</c>, else the cloud's login host.</summary>
    public Uri AuthorityHost { get; }

    /// <summary><c>/subscriptions/…/providers/Microsoft.Databricks/workspaces/…</c>; when set, requests carry it and a service-management token.</summary>
    public string? ResourceId { get; }

    public AzureTenant Tenant { get; }

    /// <summary>The Microsoft identity platform v2.0 token endpoint of a tenant.</summary>
    public Uri TokenEndpoint(string tenant) => new(AuthorityHost.AbsoluteUri.TrimEnd('/') + "/" + tenant + "/oauth2/v2.0/token");

    /// <summary>The v2.0 scope of a v1 resource: <c>&lt;resource&gt;/.default</c> (so a resource ending in <c>/</c> gives <c>//.default</c>, as documented).</summary>
    public static string Scope(string resource) => resource + "/.default";
}
