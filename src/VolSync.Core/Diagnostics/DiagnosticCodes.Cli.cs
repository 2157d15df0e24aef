namespace VolSync.Diagnostics;

// Command line: 2300–2349. The missing catalog/schema/volume codes (1150–1152) are the same conditions the
// MSBuild task reports under the same numbers, with advice for the command line.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor CommandLineInvalid = new(
        "VOLSYNC2300",
        "{0} Run '{1} --help' for usage and examples.");

    public static readonly DiagnosticDescriptor CatalogNotFound = new(
        "VOLSYNC1150",
        "The catalog '{0}' does not exist, or you lack USE CATALOG on it. Check the catalog name, or ask a metastore admin to create it or grant you access.");

    public static readonly DiagnosticDescriptor SchemaNotFound = new(
        "VOLSYNC1151",
        "The schema '{0}.{1}' does not exist, or you lack USE SCHEMA on it. Check the schema name, or create it (CREATE SCHEMA {0}.{1}) or ask for access.");

    public static readonly DiagnosticDescriptor VolumeNotFound = new(
        "VOLSYNC1152",
        "The volume '{0}.{1}.{2}' does not exist, or you cannot see it. Create it with: volsync create-volume --catalog {0} --schema {1} --volume {2}");

    public static readonly DiagnosticDescriptor StorageLocationRequired = new(
        "VOLSYNC2304",
        "An EXTERNAL volume needs --storage-location (a cloud URL under an external location, e.g. s3://bucket/path). Add --storage-location, or use --volume-type MANAGED.");

    public static readonly DiagnosticDescriptor StorageLocationNotAllowed = new(
        "VOLSYNC2305",
        "--storage-location is only for EXTERNAL volumes; Unity Catalog chooses where a MANAGED volume lives. Drop --storage-location, or add --volume-type EXTERNAL.");

    public static readonly DiagnosticDescriptor Cancelled = new(
        "VOLSYNC2306",
        "Cancelled. Files uploaded before the cancel stay on the volume; run the same command again to finish (up-to-date files are skipped).");

    public static readonly DiagnosticDescriptor FilesFailed = new(
        "VOLSYNC2307",
        "{0} of {1} files failed to upload (see the errors above). Fix the cause and run the same command again: files already uploaded are skipped.");

    public static readonly DiagnosticDescriptor UnexpectedError = new(
        "VOLSYNC2308",
        "Unexpected error ({0}): {1}. This is a bug in volsync; please report it with the command you ran and the output of --verbose.");

    public static readonly DiagnosticDescriptor EmulatorStartFailed = new(
        "VOLSYNC2309",
        "The emulator could not start: {0}. Pick another --port (or --port 0 for a free one) and check that --root is a writable folder.");
}
