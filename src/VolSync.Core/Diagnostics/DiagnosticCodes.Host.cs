namespace VolSync.Diagnostics;

// Workspace host rules, shared by authentication and the client: 2070–2079.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor HostInvalid = new(
        "VOLSYNC2070",
        "The Databricks host '{0}' is not a valid URL. Give the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net.");

    public static readonly DiagnosticDescriptor HostInsecure = new(
        "VOLSYNC2071",
        "The Databricks host '{0}' uses http://, which would send credentials in clear text. Use https:// (http:// is only allowed for loopback addresses such as the VolSync emulator).");

    public static readonly DiagnosticDescriptor HostHasCredentials = new(
        "VOLSYNC2072",
        "The Databricks host '{0}' contains a user name or password. Give the workspace URL alone (https://<workspace-host>); credentials belong in DATABRICKS_TOKEN, a service principal or a ~/.databrickscfg profile, never in the URL.");
}
