using System.Globalization;
using System.Text;

namespace VolSync.Diagnostics;

/// <summary>
/// Makes text safe to show as one line: control characters (C0, DEL, C1) become visible escapes (<c>\n</c>,
/// <c>\t</c>, <c>\r</c>, <c>\x1B</c>). A file name may legally hold a newline (POSIX and the Files API allow it);
/// printed raw it would split a log line or a table row, and an escape character could drive the terminal.
/// The one rule for every human-facing output (CLI lines, tables, errors, MSBuild messages). Names themselves,
/// and JSON (which escapes on its own), are never changed.
/// </summary>
internal static class DisplayText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var first = IndexOfControl(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (IsControl(c))
                    {
                        builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>C0 controls, DEL and the C1 controls (which some terminals obey as escape sequences).</summary>
    public static bool IsControl(char c) => c < '\u0020' || c is >= '\u007F' and <= '\u009F';

    private static int IndexOfControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
