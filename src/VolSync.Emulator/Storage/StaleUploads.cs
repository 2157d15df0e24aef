namespace VolSync.Emulator.Storage;

/// <summary>
/// Temp files of uploads that never finished: an emulator killed mid-upload leaves its
/// <c>.volsync-upload-*.tmp</c> files behind (hidden from listings, but never reclaimed). They are deleted when an
/// emulator starts on the folder; no upload can be in flight then.
/// </summary>
internal static class StaleUploads
{
    /// <summary>Deletes every stale upload temp file under <c>&lt;root&gt;/Volumes</c>; returns how many went.</summary>
    public static int Delete(string root)
    {
        var volumes = Path.Combine(root, "Volumes");
        if (!Directory.Exists(volumes))
        {
            return 0;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(volumes, VolumeFileStore.TempPrefix + "*.tmp", options))
        {
            try
            {
                File.Delete(file);
                deleted++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Hidden from listings anyway; the next start tries again.
            }
        }

        return deleted;
    }
}
