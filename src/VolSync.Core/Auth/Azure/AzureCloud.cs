namespace VolSync.Auth.Azure;

/// <summary>
/// One Azure cloud: where Microsoft Entra ID issues tokens and which resource the service-management token is for.
/// The names are those of <c>ARM_ENVIRONMENT</c> in the Databricks SDKs and Terraform.
/// </summary>
internal sealed record AzureCloud(string Name, Uri AuthorityHost, string ManagementResource)
{
    public static readonly AzureCloud Public = new("PUBLIC", new Uri("https://login.microsoftonline.com/"), "https://management.core.windows.net/");
    public static readonly AzureCloud UsGovernment = new("USGOVERNMENT", new Uri("https://login.microsoftonline.us/"), "https://management.core.usgovcloudapi.net/");
    public static readonly AzureCloud China = new("CHINA", new Uri("https://login.chinacloudapi.cn/"), "https://management.core.chinacloudapi.cn/");

    public static IReadOnlyList<AzureCloud> All { get; } = [Public, UsGovernment, China];

    /// <summary>Reads <c>PUBLIC</c>, <c>USGOVERNMENT</c>, <c>CHINA</c>, also spelled <c>AzurePublicCloud</c>, <c>AzureChinaCloud</c>, … (any case).</summary>
    public static AzureCloud? Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Trim().ToUpperInvariant();
        if (text.StartsWith("AZURE", StringComparison.Ordinal))
        {
            text = text["AZURE".Length..];
        }

        if (text.EndsWith("CLOUD", StringComparison.Ordinal))
        {
            text = text[..^"CLOUD".Length];
        }

        return All.FirstOrDefault(cloud => cloud.Name == text);
    }
}
