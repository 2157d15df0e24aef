namespace VolSync.Diagnostics;

// Azure Databricks authentication (Microsoft Entra ID, the Azure CLI, managed identities): 1110–1149 and 2109–2149
// of the authentication blocks. No message ever receives a secret, an assertion or a token.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor AzureTokenRequestFailed = new(
        "VOLSYNC1110",
        "The Microsoft Entra ID token request for {0} to {1} failed: {2}. Check ARM_TENANT_ID, ARM_CLIENT_ID and ARM_CLIENT_SECRET (for GitHub OIDC: the federated credential of the app registration), and that the service principal was added to the Databricks workspace.");

    public static readonly DiagnosticDescriptor AzureTokenResponseInvalid = new(
        "VOLSYNC1111",
        "The Microsoft Entra ID token endpoint {0} answered without a usable access token ({1}). Check AZURE_AUTHORITY_HOST and ARM_ENVIRONMENT.");

    public static readonly DiagnosticDescriptor AzureTenantNotFound = new(
        "VOLSYNC1112",
        "Could not find the Microsoft Entra tenant of {0}: {1}. Set ARM_TENANT_ID (or 'azure_tenant_id' in the profile) to the tenant id of the workspace.");

    public static readonly DiagnosticDescriptor AzureCliNotLoggedIn = new(
        "VOLSYNC1113",
        "'{0}' says the Azure CLI is not logged in: {1} Run 'az login' (in Azure Pipelines: the AzureCLI@2 task; for a service principal: 'az login --service-principal'), then retry.");

    public static readonly DiagnosticDescriptor AzureCliFailed = new(
        "VOLSYNC1114",
        "'{0}' failed with exit code {1}: {2} To fix: check 'az account show', log in to the workspace's tenant with 'az login --tenant <tenant>', or use another authentication method.");

    public static readonly DiagnosticDescriptor AzureCliOutputInvalid = new(
        "VOLSYNC1115",
        "'{0}' printed output VolSync could not read ({1}). Update the Azure CLI (https://learn.microsoft.com/cli/azure/update-azure-cli).");

    public static readonly DiagnosticDescriptor AzureCliNotStarted = new(
        "VOLSYNC1116",
        "The Azure CLI '{0}' could not be started: {1}. Reinstall the Azure CLI or fix PATH.");

    public static readonly DiagnosticDescriptor AzureCliTimedOut = new(
        "VOLSYNC1117",
        "'{0}' did not finish within {1} seconds. Run it yourself to see whether it waits for input, then retry.");

    public static readonly DiagnosticDescriptor AzureMsiRequestFailed = new(
        "VOLSYNC1118",
        "The managed identity token request for {0} to {1} failed: {2}. Check that this VM, scale set, App Service or Function has a managed identity (ARM_CLIENT_ID names a user-assigned one) and that the identity was added to the Databricks workspace.");

    public static readonly DiagnosticDescriptor AzureMsiResponseInvalid = new(
        "VOLSYNC1119",
        "The managed identity endpoint {0} answered without a usable access token ({1}). Check IDENTITY_ENDPOINT or AZURE_POD_IDENTITY_AUTHORITY_HOST.");

    public static readonly DiagnosticDescriptor AzureEnvironmentUnknown = new(
        "VOLSYNC2109",
        "The Azure environment '{0}' (from {1}) is not known. Set ARM_ENVIRONMENT to PUBLIC, USGOVERNMENT or CHINA, or leave it unset for the public cloud.");

    public static readonly DiagnosticDescriptor AzureMsiEndpointInvalid = new(
        "VOLSYNC2110",
        "The managed identity endpoint '{0}' (from {1}) is neither https:// nor http:// to a loopback, link-local or private address, so it is not a managed-identity endpoint of this machine. Check IDENTITY_ENDPOINT or AZURE_POD_IDENTITY_AUTHORITY_HOST.");

    public static readonly DiagnosticDescriptor AzureTenantInvalid = new(
        "VOLSYNC2111",
        "The Azure tenant '{0}' (from {1}) is not a tenant id. Use the directory (tenant) id of the workspace's Entra tenant (a GUID) or its domain name.");

    public static readonly DiagnosticDescriptor AuthEndpointNotAUrl = new(
        "VOLSYNC2112",
        "{0} is set to '{1}', which is not an absolute http(s) URL. Fix or unset it.");

    public static readonly DiagnosticDescriptor EmulatorAzureClientInvalid = new(
        "VOLSYNC2113",
        "The emulator option '--azure-client' expects ID:SECRET (both non-empty), got '{0}'. Write it as --azure-client my-app:my-secret.");
}
