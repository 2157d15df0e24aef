namespace VolSync.Diagnostics;

// Command line: 2300–2349. Retired: VOLSYNC2306 (cancelled; now VOLSYNC2240 in every host).
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor CommandLineInvalid = new(
        "VOLSYNC2300",
        "{0} Run '{1} --help' for usage and examples.");

    public static readonly DiagnosticDescriptor StorageLocationRequired = new(
        "VOLSYNC2304",
        "An EXTERNAL volume needs --storage-location (a cloud URL under an external location, e.g. s3://bucket/path). Add --storage-location, or use --volume-type MANAGED.");

    public static readonly DiagnosticDescriptor StorageLocationNotAllowed = new(
        "VOLSYNC2305",
        "--storage-location is only for EXTERNAL volumes; Unity Catalog chooses where a MANAGED volume lives. Drop --storage-location, or add --volume-type EXTERNAL.");

    public static readonly DiagnosticDescriptor FilesFailed = new(
        "VOLSYNC2307",
        "{0} of {1} files failed to upload (see the errors above). Fix the cause and run the same command again: files already uploaded are skipped.");

    public static readonly DiagnosticDescriptor EmulatorStartFailed = new(
        "VOLSYNC2309",
        "The emulator could not start: {0}. Pick another --port (or --port 0 for a free one) and check that --root is a writable folder.");
}
