namespace VolSync.Diagnostics;

// Emulator: 3200–3249, the same for `volsync emulator` and the standalone VolSync.Emulator program, which parse
// through one EmulatorCommandLine. 2309 (could not start) predates the block and keeps its number.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor EmulatorArgumentUnexpected = new(
        "VOLSYNC3200",
        "Unexpected argument '{0}'. Emulator options start with '--' (e.g. --port 0); run with --help to list them.");

    public static readonly DiagnosticDescriptor EmulatorOptionUnknown = new(
        "VOLSYNC3201",
        "Unknown emulator option '--{0}'. Known options: {1}.");

    public static readonly DiagnosticDescriptor EmulatorOptionValueMissing = new(
        "VOLSYNC3202",
        "The emulator option '--{0}' needs a value ({1}), e.g. --{0} {2}.");

    public static readonly DiagnosticDescriptor EmulatorOptionRepeated = new(
        "VOLSYNC3203",
        "The emulator option '--{0}' was given more than once. Give it once.");

    public static readonly DiagnosticDescriptor EmulatorOptionNotInteger = new(
        "VOLSYNC3204",
        "The emulator option '--{0}' expects a whole number from {1} to {2}, got '{3}'. Fix the value.");

    public static readonly DiagnosticDescriptor EmulatorOptionNotShare = new(
        "VOLSYNC3205",
        "The emulator option '--{0}' expects a share of requests from 0 to 1 (e.g. 0.05), got '{1}'. Fix the value.");

    public static readonly DiagnosticDescriptor EmulatorRatesExceedOne = new(
        "VOLSYNC3206",
        "--rate-429, --rate-503 and --rate-drop add up to {0}; together they must not exceed 1. Lower one of them.");

    public static readonly DiagnosticDescriptor EmulatorOAuthClientInvalid = new(
        "VOLSYNC3207",
        "The emulator option '--oauth-client' expects ID:SECRET (both non-empty), got '{0}'. Write it as --oauth-client my-client:my-secret.");

    public static readonly DiagnosticDescriptor EmulatorRootEmpty = new(
        "VOLSYNC3208",
        "The emulator folder (--root) is empty. Give a folder path, or leave --root out to use a temporary folder.");

    public static readonly DiagnosticDescriptor EmulatorRootIsFile = new(
        "VOLSYNC3209",
        "The emulator folder (--root) '{0}' is a file, not a folder. Give a folder path (it is created when missing).");

    public static readonly DiagnosticDescriptor EmulatorRootUnusable = new(
        "VOLSYNC3210",
        "The emulator folder (--root) '{0}' could not be created or written: {1} Give a folder you may write to.");
}
