namespace VolSync.Diagnostics;

// Authentication: 1100–1149 talking to token endpoints and the databricks CLI, 2100–2149 configuration
// (Azure Databricks: DiagnosticCodes.Azure.cs, 1110–1149 and 2109–2149).
// No message ever receives a token, a client secret or an ID token: only names, paths, URLs and identities.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor AuthNotConfigured = new(
        "VOLSYNC2100",
        "No Databricks authentication is configured. {0} To fix: set DATABRICKS_HOST and DATABRICKS_TOKEN (personal access token), or DATABRICKS_HOST, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (OAuth service principal), or name a profile of ~/.databrickscfg (--profile or DATABRICKS_CONFIG_PROFILE), or run 'databricks auth login --host <workspace-url>' with the databricks CLI installed. For Azure Databricks also: ARM_TENANT_ID, ARM_CLIENT_ID and ARM_CLIENT_SECRET (azure-client-secret), ARM_USE_MSI=true on an Azure VM or App Service (azure-msi), ARM_CLIENT_ID in a GitHub Actions job with 'id-token: write' (github-oidc-azure), or 'az login' (azure-cli).");

    public static readonly DiagnosticDescriptor AuthProfileNotFound = new(
        "VOLSYNC2101",
        "The Databricks config profile '{0}' was not found: {1}. Available profiles: {2}. {3} To fix: use one of the available profiles, add a [{0}] section to the config file, or point DATABRICKS_CONFIG_FILE at the file that has it.");

    public static readonly DiagnosticDescriptor AuthConflict = new(
        "VOLSYNC2102",
        "More than one authorization method configured: {0}. {1} To fix: set DATABRICKS_AUTH_TYPE (or the auth type setting) to the one to use, or remove the other method's settings.");

    public static readonly DiagnosticDescriptor AuthTypeUnknown = new(
        "VOLSYNC2103",
        "The auth type '{0}' (from {1}) is not supported. Use one of: {2}.");

    public static readonly DiagnosticDescriptor AuthTypeIncomplete = new(
        "VOLSYNC2104",
        "The auth type '{0}' was selected (from {1}) but {2}. {3} To fix: provide the missing settings, or choose another auth type.");

    public static readonly DiagnosticDescriptor AuthHostMissing = new(
        "VOLSYNC2105",
        "Credentials were found ({0}) but no Databricks host. {1} To fix: set DATABRICKS_HOST (or the host setting, or 'host' in the profile) to the workspace URL.");

    public static readonly DiagnosticDescriptor AuthConfigFileUnreadable = new(
        "VOLSYNC2106",
        "The Databricks config file '{0}' could not be read: {1}. Fix its permissions or point DATABRICKS_CONFIG_FILE at a readable file.");

    public static readonly DiagnosticDescriptor AuthEndpointInsecure = new(
        "VOLSYNC2107",
        "The {0} URL '{1}' is not https://. Credentials are only sent over https:// (or http:// to a loopback address). Check the workspace host and the OIDC settings.");

    public static readonly DiagnosticDescriptor AuthDiscoveryFailed = new(
        "VOLSYNC1100",
        "Could not read the OAuth discovery document {0}: {1}. Check that the host is a Databricks workspace URL and that it is reachable.");

    public static readonly DiagnosticDescriptor AuthTokenRequestFailed = new(
        "VOLSYNC1101",
        "The OAuth token request for {0} to {1} failed: {2}. Check the client id and secret (or the federation policy for OIDC) and that the service principal belongs to the workspace.");

    public static readonly DiagnosticDescriptor AuthTokenResponseInvalid = new(
        "VOLSYNC1102",
        "The OAuth token endpoint {0} answered without a usable access token ({1}). Check that the host is a Databricks workspace URL.");

    public static readonly DiagnosticDescriptor AuthCliFailed = new(
        "VOLSYNC1103",
        "'{0}' failed with exit code {1}: {2} To fix: run 'databricks auth login' for this host or profile, or use another authentication method.");

    public static readonly DiagnosticDescriptor AuthCliOutputInvalid = new(
        "VOLSYNC1104",
        "'{0}' printed output VolSync could not read ({1}). Update the databricks CLI (https://docs.databricks.com/dev-tools/cli/install.html).");

    public static readonly DiagnosticDescriptor AuthCliNotStarted = new(
        "VOLSYNC1105",
        "The databricks CLI '{0}' could not be started: {1}. Check DATABRICKS_CLI_PATH or reinstall the CLI.");

    public static readonly DiagnosticDescriptor AuthIdTokenRequestFailed = new(
        "VOLSYNC1106",
        "Could not get a GitHub Actions ID token from {0}: {1}. Give the workflow job 'permissions: id-token: write'.");

    public static readonly DiagnosticDescriptor AuthCliTimedOut = new(
        "VOLSYNC1107",
        "'{0}' did not finish within {1} seconds. Run it yourself to see whether it waits for input, then retry.");

    public static readonly DiagnosticDescriptor AuthRedirectRefused = new(
        "VOLSYNC1108",
        "The {0} request to {1} was answered with a redirect (HTTP {2}) to {3}. VolSync never follows redirects in authentication requests, so credentials cannot be steered to another server. Set the host (DATABRICKS_HOST) to the workspace URL itself, or check the proxy in between.");

    public static readonly DiagnosticDescriptor AuthTokenEndpointForeign = new(
        "VOLSYNC1109",
        "The OAuth discovery document {0} names the token endpoint {1}, which is not on the workspace's origin {2}. VolSync sends client secrets and ID tokens only to the workspace (or account host) itself. Check that the host is the workspace URL and not a proxy or a look-alike.");

    public static readonly DiagnosticDescriptor AuthSecretsInBinaryLog = new(
        "VOLSYNC2108",
        "MSBUILDLOGALLENVIRONMENTVARIABLES is set, so MSBuild writes every environment variable into the binary log (-bl), including {0}, which hold credentials. Unset MSBUILDLOGALLENVIRONMENTVARIABLES for builds that authenticate from the environment (or use a ~/.databrickscfg profile or a CLI login instead), and treat a binary log made with it as a secret.");
}
