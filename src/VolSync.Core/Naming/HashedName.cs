namespace VolSync.Naming;

/// <summary>The parts of a parsed remote name <c>stem_hash.ext</c>.</summary>
/// <param name="OriginalName">The local file name the remote name was made from (<c>stem + ext</c>).</param>
/// <param name="Stem">The name before the hash, e.g. <c>app.tar</c> for <c>app.tar_0123456789abcdef.gz</c>.</param>
/// <param name="Extension">From the last <c>.</c>, e.g. <c>.gz</c>; empty when there is none.</param>
/// <param name="Hash">The lowercase hex hash prefix.</param>
public readonly record struct HashedNameParts(string OriginalName, string Stem, string Extension, string Hash);

/// <summary>
/// The one place that turns a file name and its SHA-256 into a remote name and back (SPEC §1):
/// <c>report.txt</c> → <c>report_&lt;hash&gt;.txt</c>, <c>app.tar.gz</c> → <c>app.tar_&lt;hash&gt;.gz</c>,
/// <c>Makefile</c> → <c>Makefile_&lt;hash&gt;</c>, <c>.env</c> → <c>.env_&lt;hash&gt;</c>.
/// </summary>
public static class HashedName
{
    public const int MinHashLength = SyncDefaults.MinHashLength;
    public const int MaxHashLength = SyncDefaults.MaxHashLength;
    public const int DefaultHashLength = SyncDefaults.HashLength;

    /// <summary>The remote name of <paramref name="fileName"/> whose SHA-256 is <paramref name="sha256Hex"/>.</summary>
    public static string Format(string fileName, string sha256Hex, int hashLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(sha256Hex);
        CheckHashLength(hashLength);
        if (sha256Hex.Length < hashLength || !IsLowerHex(sha256Hex.AsSpan(0, hashLength)))
        {
            throw new ArgumentException($"Expected at least {hashLength} lowercase hex digits.", nameof(sha256Hex));
        }

        var (stem, extension) = Split(fileName);
        return string.Concat(stem, "_", sha256Hex.AsSpan(0, hashLength), extension);
    }

    /// <summary>
    /// Parses a remote name made by <see cref="Format"/>: the last <c>_</c> before the extension followed by exactly
    /// <paramref name="hashLength"/> lowercase hex digits. Anything else is a foreign name (returns false).
    /// </summary>
    public static bool TryParse(string remoteName, int hashLength, out HashedNameParts parts)
    {
        parts = default;
        CheckHashLength(hashLength);
        if (string.IsNullOrEmpty(remoteName))
        {
            return false;
        }

        var (withHash, extension) = Split(remoteName);
        var underscore = withHash.Length - hashLength - 1;
        if (underscore < 1 || withHash[underscore] != '_')
        {
            // The stem must keep at least one character: "_<hash>" alone was never made by Format.
            return false;
        }

        var hash = withHash.AsSpan(underscore + 1);
        if (!IsLowerHex(hash))
        {
            return false;
        }

        var stem = withHash[..underscore];
        if (extension.Length > 0 && stem.Length == 0)
        {
            return false;
        }

        // Format("x", ...) never yields a stem whose own split would move the extension: "a._h" parses, but the
        // original "a." has the extension "." and would have been formatted as "a_h.". Reject what cannot round-trip.
        var original = stem + extension;
        if (!string.Equals(Format(original, hash.ToString(), hashLength), remoteName, StringComparison.Ordinal))
        {
            return false;
        }

        parts = new HashedNameParts(original, stem, extension, hash.ToString());
        return true;
    }

    /// <summary>Stem and extension: the extension runs from the last '.', unless that dot is the first character.</summary>
    private static (string Stem, string Extension) Split(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? (name, string.Empty) : (name[..dot], name[dot..]);
    }

    private static bool IsLowerHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckHashLength(int hashLength)
    {
        if (hashLength is < MinHashLength or > MaxHashLength)
        {
            throw new ArgumentOutOfRangeException(nameof(hashLength), hashLength, $"The hash length must be {MinHashLength} to {MaxHashLength}.");
        }
    }
}
