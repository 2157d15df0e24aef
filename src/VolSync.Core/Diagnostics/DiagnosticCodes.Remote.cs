namespace VolSync.Diagnostics;

// Databricks client: 1001–1029 and 1050–1079 remote, 2050–2059 and 2065–2069 inputs the remote cannot take
// (1030–1049 and 2060–2064 are the error-fidelity block).
// Remote messages share one shape: {0} operation, {1} remote path, {2} what the server said
// (status, error code, message, request id); some add {3} identity and {4} host.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor RemoteAuthenticationFailed = new(
        "VOLSYNC1001",
        "Authentication failed for {3} at {4} during {0} '{1}' ({2}). Check that the token or client credentials are valid, not expired and issued for this workspace, and that the host is the right workspace URL.");

    public static readonly DiagnosticDescriptor RemotePermissionDenied = new(
        "VOLSYNC1002",
        "Permission denied for {3} at {4} during {0} '{1}' ({2}). Ask a workspace admin to grant USE CATALOG on the catalog, USE SCHEMA on the schema and READ VOLUME / WRITE VOLUME on the volume (CREATE VOLUME on the schema to create volumes).");

    public static readonly DiagnosticDescriptor RemoteNotFound = new(
        "VOLSYNC1003",
        "Not found during {0} '{1}' ({2}). Check that the catalog, schema, volume and path exist and are spelled exactly (names are case-sensitive in paths).");

    public static readonly DiagnosticDescriptor RemoteConflict = new(
        "VOLSYNC1004",
        "Conflict during {0} '{1}' ({2}): something already exists there. Overwrite it, delete it first, or choose another path.");

    public static readonly DiagnosticDescriptor RemoteThrottled = new(
        "VOLSYNC1005",
        "The workspace kept refusing {0} '{1}' ({2}) and the retry budget of {3} is used up. Try again later, lower the number of parallel uploads, or raise the retry budget.");

    public static readonly DiagnosticDescriptor RemoteServerError = new(
        "VOLSYNC1006",
        "The workspace failed during {0} '{1}' ({2}). This is a server-side error: try again, and if it persists report the request id to Databricks support.");

    public static readonly DiagnosticDescriptor RemoteUnreachable = new(
        "VOLSYNC1007",
        "Could not reach {3} during {0} '{1}' ({2}); gave up after {4}. Check the host URL, the network, proxies and firewalls.");

    public static readonly DiagnosticDescriptor RemoteTimeout = new(
        "VOLSYNC1008",
        "{0} '{1}' made no progress for {2} and was abandoned after {3}. Check the network, or raise the inactivity timeout for slow links.");

    public static readonly DiagnosticDescriptor RemoteBadRequest = new(
        "VOLSYNC1009",
        "The workspace rejected {0} '{1}' ({2}). Check the path and the names used; the message from the server says what it did not accept.");

    public static readonly DiagnosticDescriptor VolumeAlreadyExists = new(
        "VOLSYNC1010",
        "The volume '{0}' already exists. Nothing to create; use it as it is.");

    public static readonly DiagnosticDescriptor RemoteUnexpectedResponse = new(
        "VOLSYNC1011",
        "The workspace answered {0} '{1}' with a response VolSync cannot read ({2}). Check that the host is a Databricks workspace URL (not an account console or a proxy page).");

    public static readonly DiagnosticDescriptor RemoteDownloadStalled = new(
        "VOLSYNC1012",
        "The download of '{0}' made no progress for {1} and was abandoned. Check the network and download again.");

    public static readonly DiagnosticDescriptor RemoteRefusedAtStart = new(
        "VOLSYNC1013",
        "Could not connect to {0} during {1} '{2}' ({3}): {4} connection attempts in {5} were refused and the host has not answered once since the run began. Check the host URL and port (--host, DATABRICKS_HOST or the profile's host), that the workspace exists and is running, and that no proxy or firewall is in the way.");

    // 1030–1049 and 2060–2064: what real workspaces answer that the shapes above miss.
    public static readonly DiagnosticDescriptor RemoteInvalidToken = new(
        "VOLSYNC1030",
        "The workspace at {4} does not accept the credential of {3} during {0} '{1}' ({2}): the token is invalid, expired or revoked, or was issued for another workspace. Renew it where it comes from ({5}) and run again; this is not a missing permission.");

    public static readonly DiagnosticDescriptor RemoteCredentialNotSent = new(
        "VOLSYNC1031",
        "The workspace at {4} received no credential it can use during {0} '{1}' ({2}), although {3} was sent. Check that nothing between VolSync and the workspace (a proxy or gateway) removes the Authorization header, and that the host is the workspace URL.");

    public static readonly DiagnosticDescriptor RemotePaginationRunaway = new(
        "VOLSYNC1032",
        "The workspace kept paging {0} '{1}' without end: {2}, after {3} pages with {4} entries. VolSync stopped instead of looping forever. Try again; if it persists, report it with the path to Databricks support.");

    public static readonly DiagnosticDescriptor RemoteClosedAfterRequest = new(
        "VOLSYNC1033",
        "The workspace at {3} closed the connection without answering {0} '{1}' after receiving the whole request, {2}. The server most likely failed to store it; retrying longer would not help. Check the name and the size of the file, try again later, and report it to Databricks support if it persists.");

    public static readonly DiagnosticDescriptor RemoteNameTooLong = new(
        "VOLSYNC2060",
        "The remote path '{0}' has a name of {1} bytes ('{2}'); a name in a volume may have at most 255 bytes (UTF-8). Shorten the local file or folder name (the remote file name adds an underscore and the hash) or leave it out of the sync.");

    public static readonly DiagnosticDescriptor RemoteFileTooLarge = new(
        "VOLSYNC2050",
        "The file for '{0}' is {1} bytes, over the 5000 MiB (5 242 880 000 bytes) limit of a single PUT, and multipart upload is turned off. Turn it back on (drop --multipart-threshold off or VolSyncMultipartThreshold=off) so the file goes in parts, or leave it out of the sync.");

    public static readonly DiagnosticDescriptor RemoteSourceChanged = new(
        "VOLSYNC2051",
        "The local content for '{0}' changed while it was uploaded: expected {1} bytes, read {2}. Make sure nothing writes to the files being synced, then sync again.");

    public static readonly DiagnosticDescriptor RemotePathNotAbsolute = new(
        "VOLSYNC2052",
        "The remote path '{0}' is not absolute. Remote paths start with /Volumes/<catalog>/<schema>/<volume>.");
}
