using System.Text;

namespace VolSync.Remote.Databricks;

/// <summary>
/// Escapes absolute remote paths for the URL exactly as the Databricks Python SDK does
/// (<c>urllib.parse.quote(path)</c> with <c>safe='/'</c>): every byte outside <c>A-Za-z0-9_.-~</c> and <c>/</c>
/// becomes <c>%XX</c> (UTF-8, upper-case hex). Matching an SDK byte for byte matters because the service
/// decodes what we send; any other escaping risks a file landing under a different name.
/// </summary>
internal static class PathEscaper
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Escapes a whole path, keeping <c>/</c> separators.</summary>
    public static string EscapePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Escape(path, keepSlash: true);
    }

    /// <summary>Escapes one segment; a <c>/</c> inside it is escaped too.</summary>
    public static string EscapeSegment(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return Escape(segment, keepSlash: false);
    }

    private static string Escape(string text, bool keepSlash)
    {
        var allSafe = true;
        foreach (var c in text)
        {
            if (!IsSafe(c, keepSlash))
            {
                allSafe = false;
                break;
            }
        }

        if (allSafe)
        {
            return text;
        }

        var bytes = StrictUtf8.GetBytes(text);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (b < 0x80 && IsSafe(c, keepSlash))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private const string HexDigits = "0123456789ABCDEF";

    private static bool IsSafe(char c, bool keepSlash) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-' or '~'
        || (keepSlash && c == '/');
}
