namespace VolSync.Diagnostics;

// Command line, second block: 2350–2399 (output modes, and hints for what people type out of habit).
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor QuietWithVerbose = new(
        "VOLSYNC2350",
        "--quiet and --verbose ask for opposite things. Use --quiet for errors and the summary only, or --verbose for every file and request.");

    public static readonly DiagnosticDescriptor UnknownOption = new(
        "VOLSYNC2351",
        "Unknown option '{0}' for '{1}'.{2} Run '{1} --help' for every option.");

    public static readonly DiagnosticDescriptor PeerOption = new(
        "VOLSYNC2352",
        "'{0}' is not a volsync option: {1} Run '{2} --help' for every option.");

    public static readonly DiagnosticDescriptor UnknownCommand = new(
        "VOLSYNC2353",
        "'{0}' is not a volsync command.{1} The commands are {2}; run 'volsync --help' for what each does.");

    public static readonly DiagnosticDescriptor UnexpectedArgument = new(
        "VOLSYNC2354",
        "Unexpected argument '{0}' for '{1}', which takes {2}. Options start with '--'; run '{1} --help' for usage and examples.");

    public static readonly DiagnosticDescriptor DestinationTwice = new(
        "VOLSYNC2355",
        "The volume is given twice, as the argument '{0}' and as --volume-path '{1}'. Give it once.");
}
