namespace VolSync.Diagnostics;

// Outcomes every host reports the same way, under one code: the MSBuild task (block 2200–2249) and the CLI (2300–2349)
// each had their own, now one. Retired: VOLSYNC3101 (unexpected failure in MSBuild, now VOLSYNC2308),
// VOLSYNC2200/2201/2202/2203's MSBuild-only wordings (now the engine's 2010/2009/2011 and 2203 below),
// VOLSYNC3100 (now 2007), VOLSYNC3102 (a failed file always carries the engine's own code now).
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor RetryBudgetInvalid = new(
        "VOLSYNC2203",
        "{0} is '{1}': use a duration such as 90s, 5m or 1h (a plain number is seconds), or 0 for the default ({2}).");

    public static readonly DiagnosticDescriptor MSBuildHostUnsupported = new(
        "VOLSYNC2210",
        "VolSync needs the .NET MSBuild (this is .NET Framework MSBuild {0}, which cannot run .NET tasks before version 18). Run 'dotnet publish -p:VolSyncEnabled=true' or 'dotnet msbuild -t:VolSyncPublish' from a terminal, or use Visual Studio 2026 / MSBuild 18.");

    public static readonly DiagnosticDescriptor Cancelled = new(
        "VOLSYNC2240",
        "Cancelled. Files already uploaded stay on the volume and none is partially written; run the same command or build again to finish (up-to-date files are skipped).");

    public static readonly DiagnosticDescriptor UnexpectedError = new(
        "VOLSYNC2308",
        "Unexpected error ({0}): {1}. This is a bug in VolSync; please report it with {2}.");
}
