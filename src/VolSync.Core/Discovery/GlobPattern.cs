using System.Text;
using System.Text.RegularExpressions;
using VolSync.Diagnostics;

namespace VolSync.Discovery;

/// <summary>
/// Turns a user pattern into the root-relative glob the matcher understands (SPEC §2): a pattern without
/// <c>/</c> matches the file name at any depth, as in .gitignore (<c>*.txt</c> → <c>**/*.txt</c>); a pattern with
/// <c>/</c> is relative to the root; a trailing <c>/</c> names a folder and everything below it.
/// </summary>
internal static class GlobPattern
{
    /// <summary>Why <paramref name="pattern"/> is not a valid pattern, or null when it is (the one rule, for validation).</summary>
    public static string? Problem(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "it is empty";
        }

        var p = pattern.Trim().Replace('\\', '/').Trim('/');
        if (p.Length == 0)
        {
            return "it names no file";
        }

        return p.Split('/').Any(segment => segment.Length == 0 || segment == "." || segment == "..")
            ? "segments must not be empty, '.' or '..'"
            : null;
    }

    /// <summary>
    /// The root-relative glob for a valid pattern. A leading <c>/</c> anchors the pattern at the root (<c>/a.txt</c> is
    /// only the top-level <c>a.txt</c>), as any pattern with a <c>/</c> is.
    /// </summary>
    public static string Normalize(string pattern)
    {
        if (Problem(pattern) is { } reason)
        {
            throw DiagnosticCodes.PatternInvalid.ToException(nameof(SyncConfig.Patterns), pattern ?? string.Empty, reason);
        }

        var p = pattern.Trim().Replace('\\', '/');
        var folder = p.EndsWith('/');
        p = p.Trim('/');
        var anchored = pattern.Trim().Replace('\\', '/').TrimEnd('/').Contains('/');
        if (!anchored)
        {
            p = "**/" + p;
        }

        return folder ? p + "/**" : p;
    }

    /// <summary>
    /// A regular expression equivalent to a normalized glob. FileSystemGlobbing has no <c>?</c>, so patterns using it
    /// are matched with this instead.
    /// </summary>
    public static Regex ToRegex(string normalizedGlob, bool ignoreCase)
    {
        var sb = new StringBuilder("^");
        var segments = normalizedGlob.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            var segment = segments[i];
            if (segment == "**")
            {
                // Any number of whole folders (zero included); at the end, any file below.
                sb.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }

            foreach (var c in segment)
            {
                sb.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            if (!last)
            {
                sb.Append('/');
            }
        }

        sb.Append('$');
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(sb.ToString(), options, TimeSpan.FromSeconds(1));
    }
}
