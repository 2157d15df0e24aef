namespace VolSync.Diagnostics;

// Releases (SPEC §8, §9): 1200–1249 what the remote root holds, 2400–2449 inputs, 3300–3349 local IO.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor ManifestInvalid = new(
        "VOLSYNC1200",
        "The release manifest '{0}' is not valid: {1}. It was not written by VolSync or was changed by hand: restore it, or delete it and sync again to write a new release.");

    public static readonly DiagnosticDescriptor ManifestVersionUnknown = new(
        "VOLSYNC1201",
        "The release manifest '{0}' has format version {1}, which this VolSync ({2}) does not know (it reads version {3}). It was written by a newer VolSync: upgrade VolSync to read it.");

    public static readonly DiagnosticDescriptor ManifestPathUnsafe = new(
        "VOLSYNC1202",
        "The release manifest '{0}' lists the path '{1}', which is not a safe relative path (no '..', '.', empty segments, '\\', absolute paths or control characters). Nothing was read or written for it. Do not use this manifest; sync the release again to write a correct one.");

    public static readonly DiagnosticDescriptor ReleaseNotFound = new(
        "VOLSYNC1203",
        "The release '{0}' does not exist under '{1}'. Run 'volsync releases' to see the releases of this root.");

    public static readonly DiagnosticDescriptor NoReleases = new(
        "VOLSYNC1204",
        "There is no release under '{0}' (no .volsync/latest.json). Sync into this root first (volsync upload), or check --path.");

    public static readonly DiagnosticDescriptor NamingModeSwitch = new(
        "VOLSYNC1205",
        "The remote root '{0}' holds a release with {1} names, but this sync uses {2} names. Mixing both in one folder would leave old and new files side by side under different names. Sync into a different --path (VolSyncRemotePath) for the {2} names, or use --force (VolSyncForce) to switch this root.");

    public static readonly DiagnosticDescriptor PruneOriginalNames = new(
        "VOLSYNC1206",
        "The remote root '{0}' uses original names (its latest release says naming 'original'): every sync overwrites files in place, so there are no old versions to prune. Nothing was deleted.");

    public static readonly DiagnosticDescriptor ManifestNotWritten = new(
        "VOLSYNC1207",
        "Every file was synced to '{0}', but the release manifest could not be written: {1} The previous release stays current. Run the sync again: files are up to date and only the manifest is written.");

    public static readonly DiagnosticDescriptor PruneManifestUnreadable = new(
        "VOLSYNC1208",
        "Prune stopped before deleting anything: the release manifest '{0}' could not be read ({1}), so it is unknown which files it needs. Fix or delete that manifest, then prune again.");

    public static readonly DiagnosticDescriptor ReleaseFileMissing = new(
        "VOLSYNC1210",
        "'{0}' of release {1} is missing on the volume ('{2}'). Sync the release again to restore it.");

    public static readonly DiagnosticDescriptor ReleaseFileDifferent = new(
        "VOLSYNC1211",
        "'{0}' of release {1} differs on the volume ('{2}'): expected {3} bytes with SHA-256 {4}, found {5} bytes with SHA-256 {6}. Something changed it after the sync; sync the release again (with --force for original names) to restore it.");

    public static readonly DiagnosticDescriptor ReleaseFileDownloadMismatch = new(
        "VOLSYNC1212",
        "The download of '{0}' ('{1}') did not match the release: expected {2} bytes with SHA-256 {3}, received {4} bytes with SHA-256 {5}. Nothing was written for it. Run 'volsync verify' and sync the release again.");

    public static readonly DiagnosticDescriptor ReleaseFileDownloadFailed = new(
        "VOLSYNC1213",
        "Reading '{0}' from the volume failed after {1} attempt(s): {2} Check the network and run the same command again.");

    public static readonly DiagnosticDescriptor LocalVolSyncFolderSkipped = new(
        "VOLSYNC2400",
        "{0} local file(s) under the top-level '.volsync/' folder of '{1}' were not synced: '.volsync/' is where VolSync keeps its release manifests on the volume. Rename the folder if its files belong to the release.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor KeepReleasesOutOfRange = new(
        "VOLSYNC2401",
        "{0} is '{1}': keep a whole number of at least 1 release (the latest release is always kept).");

    public static readonly DiagnosticDescriptor MinAgeInvalid = new(
        "VOLSYNC2402",
        "{0} '{1}' is not a duration. Use 0, 30s, 15m, 1h, 2d or a number of seconds (the default is {2}).");

    public static readonly DiagnosticDescriptor NamingInvalid = new(
        "VOLSYNC2403",
        "{0} '{1}' is not a naming mode. Use 'hashed' (the default: <name>_<hash><ext>, versions side by side) or 'original' (files keep their own names).");

    public static readonly DiagnosticDescriptor PullDestinationInvalid = new(
        "VOLSYNC2404",
        "The pull destination '{0}' is not a folder ({1}). Give a folder to download the release into (it is created when missing).");

    public static readonly DiagnosticDescriptor ReleaseIdInvalid = new(
        "VOLSYNC2405",
        "The release id '{0}' is not valid: release ids look like 20250102T030405678Z-1a2b3c4d. Run 'volsync releases' to see the ids.");

    public static readonly DiagnosticDescriptor ReleasePathUnknown = new(
        "VOLSYNC2406",
        "'{0}' is not a file of release {1}. Paths are relative to the synced folder with '/' separators, e.g. sub/app.dll.");

    public static readonly DiagnosticDescriptor PruneDeletesFailed = new(
        "VOLSYNC2407",
        "{0} of {1} deletes failed (see the errors above); everything else was pruned. Run the same prune again: what is already gone is not tried again.");

    public static readonly DiagnosticDescriptor VerifyFoundProblems = new(
        "VOLSYNC2408",
        "{0} of {1} files of release {2} are missing, different or unreadable (see above). Sync the release again to restore them, or pull an older release that verifies.");

    public static readonly DiagnosticDescriptor PullFilesFailed = new(
        "VOLSYNC2409",
        "{0} of {1} files of release {2} could not be pulled (see the errors above); the others are in place. Run the same pull again: files already right are skipped.");

    public static readonly DiagnosticDescriptor PullFileNotWritten = new(
        "VOLSYNC3300",
        "Could not write '{0}': {1} Check that the folder is writable and the disk has room, then pull again; files already correct are skipped.");

    public static readonly DiagnosticDescriptor PullPathBlocked = new(
        "VOLSYNC3301",
        "'{0}' was not written: {1} Nothing outside the destination is ever written. Move the entry out of the way and pull again.");

    public static readonly DiagnosticDescriptor ManifestUnreadable = new(
        "VOLSYNC3302",
        "Could not read the release manifest '{0}': {1} Check the path (a remote root such as /Volumes/main/default/apps/myapp, or its .volsync/latest.json) and that you may read it.");
}
