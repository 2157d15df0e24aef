namespace VolSync.Diagnostics;

// Engine: 2001–2049 inputs, 3001–3049 local IO.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor VolumeNotSpecified = new(
        "VOLSYNC2001",
        "No target volume. Give the whole volume path (/Volumes/<catalog>/<schema>/<volume>) or all three of catalog, schema and volume.");

    public static readonly DiagnosticDescriptor VolumePathInvalid = new(
        "VOLSYNC2002",
        "The volume path '{0}' is not of the form /Volumes/<catalog>/<schema>/<volume>[/sub/path]. Fix the volume path.");

    public static readonly DiagnosticDescriptor VolumePathConflict = new(
        "VOLSYNC2003",
        "The volume path '{0}' names {1} '{2}', but {1} '{3}' was also given. Give only the volume path, or make them agree.");

    public static readonly DiagnosticDescriptor VolumeNamePartInvalid = new(
        "VOLSYNC2004",
        "The {0} name '{1}' is not valid: it must be non-empty and must not contain '/', '.', or control characters. Fix the {0} name.");

    public static readonly DiagnosticDescriptor RemotePathInvalid = new(
        "VOLSYNC2005",
        "The remote sub-path '{0}' is not valid: segments must not be empty, '.' or '..'. Use a relative path such as releases/1.2.0.");
}
