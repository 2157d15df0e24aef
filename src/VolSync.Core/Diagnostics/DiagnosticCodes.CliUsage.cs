namespace VolSync.Diagnostics;

// Command line, second block: 2350–2399 (output modes, hints for habits from other tools).
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor QuietWithVerbose = new(
        "VOLSYNC2350",
        "--quiet and --verbose ask for opposite things. Use --quiet for errors and the summary only, or --verbose for every file and request.");
}
