namespace VolSync.Auth.Azure;

/// <summary>
/// Which hosts are Azure Databricks workspaces, in which cloud, and the Entra ID application that stands for
/// Azure Databricks there (the resource tokens are requested for). The DNS zones and ids are the Databricks SDKs'.
/// </summary>
internal static class AzureHosts
{
    /// <summary>The Azure Databricks application in every production cloud.</summary>
    public const string DatabricksApplicationId = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

    // Most specific first: the dev and staging zones end like the production one.
    private static readonly (string Zone, string ApplicationId, AzureCloud Cloud)[] s_zones =
    [
        (".dev.azuredatabricks.net", "62a912ac-b58e-4c1d-89ea-b2dbfc7358fc", AzureCloud.Public),
        (".staging.azuredatabricks.net", "4a67d088-db5c-48f1-9ff2-0aace800ae68", AzureCloud.Public),
        (".azuredatabricks.net", DatabricksApplicationId, AzureCloud.Public),
        (".databricks.azure.us", DatabricksApplicationId, AzureCloud.UsGovernment),
        (".databricks.azure.cn", DatabricksApplicationId, AzureCloud.China),
    ];

    /// <summary>The cloud and application of an Azure Databricks host, or null for any other host.</summary>
    public static (AzureCloud Cloud, string ApplicationId)? Lookup(Uri host)
    {
        ArgumentNullException.ThrowIfNull(host);
        foreach (var (zone, applicationId, cloud) in s_zones)
        {
            if (host.Host.EndsWith(zone, StringComparison.OrdinalIgnoreCase))
            {
                return (cloud, applicationId);
            }
        }

        return null;
    }

    public static bool IsAzure(Uri host) => Lookup(host) is not null;
}
