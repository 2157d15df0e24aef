namespace VolSync.Diagnostics;

// Large files in parts (multipart and resumable uploads): 1250–1269 remote, 2450–2469 inputs.
// {0} is always the remote path.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor PresignedUrlsRequired = new(
        "VOLSYNC1250",
        "'{0}' is {1}, over the 5000 MiB limit of a single PUT, so it can only be sent in parts through presigned cloud-storage URLs, and the workspace did not allow them ({2}). Ask a workspace admin to enable presigned URLs for the Files API and let this machine reach the workspace's cloud storage (storage firewalls, private endpoints, proxies), or leave the file out of the sync.");

    public static readonly DiagnosticDescriptor MultipartFellBack = new(
        "VOLSYNC1251",
        "Multipart upload of '{0}' was not possible ({1}); sent it as one PUT instead. If this workspace never allows presigned URLs, pass --multipart-threshold off (VolSyncMultipartThreshold=off) to skip the attempt.");

    public static readonly DiagnosticDescriptor CloudPartRejected = new(
        "VOLSYNC1252",
        "The cloud storage refused {1} of '{0}' ({2}). Check that this machine may reach the workspace's storage account or bucket (storage firewalls, private endpoints, proxies), then sync again; the parts already sent are discarded.");

    public static readonly DiagnosticDescriptor CloudPartFailed = new(
        "VOLSYNC1253",
        "{1} of '{0}' could not be sent to the cloud storage ({2}); gave up after {3}. Check the network to the workspace's cloud storage and sync again; the parts already sent are discarded.");

    public static readonly DiagnosticDescriptor PresignedUrlRefused = new(
        "VOLSYNC1254",
        "The workspace answered with a presigned URL for '{0}' that VolSync does not use ({1}): only https:// URLs (or http:// to this machine) are accepted, since the URL itself grants write access.");

    public static readonly DiagnosticDescriptor MultipartThresholdInvalid = new(
        "VOLSYNC2450",
        "{0} '{1}' is not a multipart threshold. Give a size in bytes or with a binary unit (52428800, 50MiB, 64M, 1GiB), or 'off' to send every file with one PUT.");

    public static readonly DiagnosticDescriptor MultipartThresholdOutOfRange = new(
        "VOLSYNC2451",
        "{0} is {1}, out of range for the multipart threshold: use 5 MiB to 5000 MiB (files over 5000 MiB always go in parts), or 'off'.");

    public static readonly DiagnosticDescriptor FileTooLargeForAnyRoute = new(
        "VOLSYNC2452",
        "'{0}' is {1} bytes, more than the {2} bytes (5 TiB) the Files API can take even in parts. Leave the file out of the sync or split it.");

    public static readonly DiagnosticDescriptor EmulatorMultipartModeInvalid = new(
        "VOLSYNC2453",
        "The emulator option '--multipart' expects aws (or azure), gcp or off, got '{0}'. Fix the value.");
}
