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

    public static readonly DiagnosticDescriptor LocalPathMissing = new(
        "VOLSYNC2006",
        "No local folder to sync. Give the folder whose files should be uploaded (LocalPath, VolSyncSourceDir or the CLI's <local-path>).");

    public static readonly DiagnosticDescriptor LocalPathNotFound = new(
        "VOLSYNC2007",
        "The local folder '{0}' does not exist. Check the path (for MSBuild, run publish first so the publish folder exists).");

    public static readonly DiagnosticDescriptor LocalPathNotDirectory = new(
        "VOLSYNC2008",
        "The local path '{0}' is a file, not a folder. Give the folder that contains the files to sync.");

    public static readonly DiagnosticDescriptor HashLengthOutOfRange = new(
        "VOLSYNC2009",
        "The hash length {0} is out of range. Use a value from 8 to 64 (the default is 16).");

    public static readonly DiagnosticDescriptor MaxConcurrentUploadsOutOfRange = new(
        "VOLSYNC2010",
        "MaxConcurrentUploads {0} is out of range. Use a value from 1 to 64 (the default is 5; Databricks allows about 10 concurrent requests).");

    public static readonly DiagnosticDescriptor PatternInvalid = new(
        "VOLSYNC2011",
        "The pattern '{0}' is not valid: {1}. Use globs relative to the local folder, such as *.dll or docs/**/*.md.");

    public static readonly DiagnosticDescriptor HashCacheInsideLocalPath = new(
        "VOLSYNC2012",
        "The hash cache folder '{0}' is inside the folder being synced '{1}', so it would be uploaded. Choose a hash cache folder outside it, or leave it unset.");

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
