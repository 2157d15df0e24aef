namespace VolSync.Diagnostics;

// What VolSync.Build.targets checks itself, before the task runs: 2250–2299. The targets carry the text (an MSBuild
// Error task cannot read this table); a test keeps the two equal.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor EnabledInvalid = new(
        "VOLSYNC2250",
        "VolSyncEnabled is '{0}', which is neither on nor off. Use true (or 1, yes, on) to sync the publish output to the volume, or false (0, no, off) not to.");
}
