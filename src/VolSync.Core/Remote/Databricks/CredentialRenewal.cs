using VolSync.Auth;

namespace VolSync.Remote.Databricks;

/// <summary>What to do when the workspace refuses a credential as invalid or expired, by where the credential came from.</summary>
internal static class CredentialRenewal
{
    public static string Advice(IDatabricksCredentials credentials, string host) => credentials.AuthType switch
    {
        "pat" => "create a new personal access token in the workspace (Settings > Developer > Access tokens) and replace the old one where it is set",
        "oauth-m2m" => "the workspace refused a token its OAuth endpoint had just issued, so check that the service principal is added to this workspace, and create a new OAuth secret if the old one was revoked",
        "databricks-cli" => $"log in again with 'databricks auth login --host {host}' (or with the profile you use)",
        "github-oidc" => "check that the federated service principal is added to this workspace and that its federation policy still trusts this workflow",
        _ => "renew the credential where it is configured",
    };
}
