namespace VolSync.Diagnostics;

// Engine: 2001–2049 inputs, 3001–3049 local IO; the two required settings keep the MSBuild task's 4001/4002.
public static partial class DiagnosticCodes
{
    // Inputs. {0} is always the setting as the host spells it (SettingNames): VolSyncHashLength, --hash-length, HashLength.
    // SyncConfig.Validate reports them all at once, before any credential or network call, in every host.
    public static readonly DiagnosticDescriptor VolumeNotSpecified = new(
        "VOLSYNC4001",
        "No target volume. Set {0} to /Volumes/<catalog>/<schema>/<volume>[/sub/path], or all three of {1}, {2} and {3}.");

    public static readonly DiagnosticDescriptor VolumePathInvalid = new(
        "VOLSYNC2002",
        "{0} '{1}' is not of the form /Volumes/<catalog>/<schema>/<volume>[/sub/path] (dbfs:/Volumes/... works too). Fix {0}.");

    public static readonly DiagnosticDescriptor VolumePathConflict = new(
        "VOLSYNC2003",
        "{0} '{1}' names the {2} '{3}', but {4} is '{5}'. Give only {0}, or make them agree.");

    public static readonly DiagnosticDescriptor VolumeNamePartInvalid = new(
        "VOLSYNC2004",
        "{0} '{1}' is not a valid {2} name: it must be non-empty and must not contain '/', '.' or control characters. Fix {0}.");

    public static readonly DiagnosticDescriptor RemotePathInvalid = new(
        "VOLSYNC2005",
        "{0} '{1}' is not a valid sub-path: segments must not be empty, '.' or '..'. Use a relative path such as releases/1.2.0.");

    public static readonly DiagnosticDescriptor LocalPathMissing = new(
        "VOLSYNC4002",
        "No local folder to sync. Set {0} to the folder whose files should be uploaded.");

    public static readonly DiagnosticDescriptor LocalPathNotFound = new(
        "VOLSYNC2007",
        "The local folder '{1}' ({0}) does not exist. Check the path; for MSBuild, publish first so the publish folder exists.");

    public static readonly DiagnosticDescriptor LocalPathNotDirectory = new(
        "VOLSYNC2008",
        "The local path '{1}' ({0}) is a file, not a folder. Give the folder that contains the files to sync.");

    public static readonly DiagnosticDescriptor HashLengthOutOfRange = new(
        "VOLSYNC2009",
        "{0} is '{1}': use a whole number from {2} to {3} (the default is {4}).");

    public static readonly DiagnosticDescriptor MaxConcurrentUploadsOutOfRange = new(
        "VOLSYNC2010",
        "{0} is '{1}': use a whole number from {2} to {3} (a hard cap; the default is {4}), or 'auto' to find the workspace's limit (the Databricks Files API allows about 10 concurrent requests).");

    public static readonly DiagnosticDescriptor PatternInvalid = new(
        "VOLSYNC2011",
        "{0} '{1}' is not a valid pattern: {2}. Use globs relative to the local folder, such as *.dll, /app.json (anchored at the folder) or docs/**/*.md.");

    public static readonly DiagnosticDescriptor HashCacheInsideLocalPath = new(
        "VOLSYNC2012",
        "{0} '{1}' is inside the folder being synced '{2}', so it would be uploaded. Choose a hash cache folder outside it, or leave it unset.");

    // Retired: VOLSYNC2001 (no target volume, now VOLSYNC4001 in every host) and VOLSYNC2006 (no local folder, now
    // VOLSYNC4002 in every host). Never reuse them.

    public static readonly DiagnosticDescriptor FileUnreadable = new(
        "VOLSYNC3001",
        "Could not read '{0}': {1} Check that the file exists and that you may read it, then run the sync again.");

    public static readonly DiagnosticDescriptor DirectoryUnreadable = new(
        "VOLSYNC3002",
        "Could not list the folder '{0}': {1} Its files were not synced. Check that you may read it, or exclude it with a pattern.");

    public static readonly DiagnosticDescriptor FileChangedDuringSync = new(
        "VOLSYNC3003",
        "'{0}' changed while it was being synced, so it was not uploaded (a remote name must match its content). Run the sync again once the file is no longer being written.");

    public static readonly DiagnosticDescriptor SymlinkTargetMissing = new(
        "VOLSYNC3004",
        "'{0}' is a symbolic link whose target does not exist. Fix or remove the link, or exclude it with a pattern.");

    public static readonly DiagnosticDescriptor UploadFailedUnexpectedly = new(
        "VOLSYNC3005",
        "Uploading '{0}' failed: {1} Run the sync again; only files that are not yet up to date will be uploaded.");

    public static readonly DiagnosticDescriptor HashCacheIgnored = new(
        "VOLSYNC3006",
        "The hash cache '{0}' was ignored ({1}); files are hashed again and the cache is rewritten.");

    public static readonly DiagnosticDescriptor HashCacheNotSaved = new(
        "VOLSYNC3007",
        "The hash cache '{0}' could not be saved: {1} The sync is not affected; the next run hashes the files again. Check that the folder is writable, or set another hash cache folder.");
}
