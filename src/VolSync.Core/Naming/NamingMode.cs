namespace VolSync.Naming;

/// <summary>How local files are named on the volume (SPEC §9).</summary>
public enum NamingMode
{
    /// <summary><c>&lt;stem&gt;_&lt;hash&gt;&lt;ext&gt;</c>: versions live side by side, and a release switches atomically with <c>latest.json</c>.</summary>
    Hashed,

    /// <summary>Files keep their own names and are overwritten in place, so a published app runs from the volume folder.</summary>
    Original,
}

/// <summary>The spelling of <see cref="NamingMode"/> in manifests, on the command line and in MSBuild.</summary>
internal static class NamingModes
{
    public const string HashedName = "hashed";
    public const string OriginalName = "original";

    public static string ToName(this NamingMode mode) => mode == NamingMode.Original ? OriginalName : HashedName;

    /// <summary>Reads <c>hashed</c> or <c>original</c> (case-insensitive, surrounding blanks ignored); hosts go through <see cref="SettingText.Naming"/> for the coded error.</summary>
    public static bool TryParse(string? value, out NamingMode mode)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case HashedName:
                mode = NamingMode.Hashed;
                return true;
            case OriginalName:
                mode = NamingMode.Original;
                return true;
            default:
                mode = NamingMode.Hashed;
                return false;
        }
    }
}
