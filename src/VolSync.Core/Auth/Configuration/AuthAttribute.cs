namespace VolSync.Auth.Configuration;

/// <summary>
/// The unified-auth attribute names, spelled as in <c>~/.databrickscfg</c>, with the environment variable that
/// sets each one. Secret attributes are marked so every description of a configuration can leave them out.
/// </summary>
internal sealed class AuthAttribute
{
    public static readonly AuthAttribute Host = new("host", "DATABRICKS_HOST", fileKeys: ["host"]);
    public static readonly AuthAttribute Token = new("token", "DATABRICKS_TOKEN", fileKeys: ["token"], isSecret: true);
    public static readonly AuthAttribute ClientId = new("client_id", "DATABRICKS_CLIENT_ID", fileKeys: ["client_id"]);
    public static readonly AuthAttribute ClientSecret = new("client_secret", "DATABRICKS_CLIENT_SECRET", fileKeys: ["client_secret"], isSecret: true);
    public static readonly AuthAttribute AuthType = new("auth_type", "DATABRICKS_AUTH_TYPE", fileKeys: ["auth_type"]);
    public static readonly AuthAttribute Profile = new("profile", "DATABRICKS_CONFIG_PROFILE", fileKeys: []);
    public static readonly AuthAttribute ConfigFile = new("config_file", "DATABRICKS_CONFIG_FILE", fileKeys: []);
    public static readonly AuthAttribute CliPath = new("databricks_cli_path", "DATABRICKS_CLI_PATH", fileKeys: ["databricks_cli_path"]);

    // The Python SDK spells the file key token_audience, the Go SDK audience: both are accepted.
    public static readonly AuthAttribute TokenAudience = new("token_audience", "DATABRICKS_TOKEN_AUDIENCE", fileKeys: ["token_audience", "audience"]);
    public static readonly AuthAttribute ActionsIdTokenRequestUrl = new("actions_id_token_request_url", "ACTIONS_ID_TOKEN_REQUEST_URL", fileKeys: []);
    public static readonly AuthAttribute ActionsIdTokenRequestToken = new("actions_id_token_request_token", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", fileKeys: [], isSecret: true);

    // Azure Databricks: the SDKs' names (ARM_* as in Terraform), plus the Azure SDKs' own endpoint variables.
    public static readonly AuthAttribute AzureClientId = new("azure_client_id", "ARM_CLIENT_ID", fileKeys: ["azure_client_id"]);
    public static readonly AuthAttribute AzureClientSecret = new("azure_client_secret", "ARM_CLIENT_SECRET", fileKeys: ["azure_client_secret"], isSecret: true);
    public static readonly AuthAttribute AzureTenantId = new("azure_tenant_id", "ARM_TENANT_ID", fileKeys: ["azure_tenant_id"]);
    public static readonly AuthAttribute AzureUseMsi = new("azure_use_msi", "ARM_USE_MSI", fileKeys: ["azure_use_msi"]);
    public static readonly AuthAttribute AzureEnvironment = new("azure_environment", "ARM_ENVIRONMENT", fileKeys: ["azure_environment"]);
    public static readonly AuthAttribute AzureResourceId = new("azure_workspace_resource_id", "DATABRICKS_AZURE_RESOURCE_ID", fileKeys: ["azure_workspace_resource_id"]);
    public static readonly AuthAttribute AzureAuthorityHost = new("azure_authority_host", "AZURE_AUTHORITY_HOST", fileKeys: []);
    public static readonly AuthAttribute ImdsHost = new("azure_imds_host", "AZURE_POD_IDENTITY_AUTHORITY_HOST", fileKeys: []);
    public static readonly AuthAttribute IdentityEndpoint = new("identity_endpoint", "IDENTITY_ENDPOINT", fileKeys: []);
    public static readonly AuthAttribute IdentityHeader = new("identity_header", "IDENTITY_HEADER", fileKeys: [], isSecret: true);

    public static readonly IReadOnlyList<AuthAttribute> All =
    [
        Host, Token, ClientId, ClientSecret, AuthType, Profile, ConfigFile, CliPath, TokenAudience,
        ActionsIdTokenRequestUrl, ActionsIdTokenRequestToken,
        AzureClientId, AzureClientSecret, AzureTenantId, AzureUseMsi, AzureEnvironment, AzureResourceId,
        AzureAuthorityHost, ImdsHost, IdentityEndpoint, IdentityHeader,
    ];

    private AuthAttribute(string name, string environmentVariable, IReadOnlyList<string> fileKeys, bool isSecret = false)
    {
        Name = name;
        EnvironmentVariable = environmentVariable;
        FileKeys = fileKeys;
        IsSecret = isSecret;
    }

    public string Name { get; }

    public string EnvironmentVariable { get; }

    /// <summary>The keys that set this attribute in a config-file profile; empty when the file cannot set it.</summary>
    public IReadOnlyList<string> FileKeys { get; }

    public bool IsSecret { get; }

    public override string ToString() => Name;
}
