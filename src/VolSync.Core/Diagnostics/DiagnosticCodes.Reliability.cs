namespace VolSync.Diagnostics;

// Local trees that cannot be mirrored as they are, targets that name more than a volume: 2500–2519 inputs,
// 3050–3099 local IO.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor RemotePathCollision = new(
        "VOLSYNC2500",
        "'{0}' and '{1}' would both be stored at '{2}' (one as a file, the other as a folder), which a volume cannot hold. Neither was uploaded. Rename one of them, or exclude one with a pattern.");

    public static readonly DiagnosticDescriptor VolumeOnlyExpected = new(
        "VOLSYNC2501",
        "{0} '{1}' names the folder '{2}' inside the volume {3}, but {4} makes a volume, not a folder. Give the volume alone ({5}); a folder appears when files are uploaded into it.");

    public static readonly DiagnosticDescriptor NameNotRepresentable = new(
        "VOLSYNC3050",
        "A {0} in '{1}' has a name that is not valid UTF-8 (it reads as '{2}'), so it can be neither opened by name nor given a remote name. It was not synced. Rename it to valid UTF-8 (for example with convmv), or exclude it with a pattern.");
}
