using System.Text;
using System.Text.RegularExpressions;

namespace VolSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a terminal would show for a stream of terminal output, as far as the tests need it: the lines as they
/// finally stand once carriage returns, cursor moves and erasures (the terminal logger's live area) are applied,
/// and every frame the live area drew on the way.
/// </summary>
public static partial class TerminalText
{
    [GeneratedRegex(@"\x1b\[(?<p>[0-9;?]*)(?<c>[A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>]")]
    private static partial Regex Escape();

    /// <summary>The text with every escape sequence removed, carriage returns as line breaks: all that was ever drawn.</summary>
    public static string Everything(string raw) => Escape().Replace(raw, string.Empty).Replace('\r', '\n');

    /// <summary>The screen's lines at the end (no scrollback limit), trailing blanks trimmed.</summary>
    public static IReadOnlyList<string> FinalLines(string raw)
    {
        var lines = new List<StringBuilder> { new() };
        int row = 0, column = 0;
        var position = 0;
        foreach (Match match in Escape().Matches(raw))
        {
            Write(raw.AsSpan(position, match.Index - position), lines, ref row, ref column);
            position = match.Index + match.Length;
            var parameter = match.Groups["p"].Value;
            var n = int.TryParse(parameter, out var parsed) ? parsed : 1;
            switch (match.Groups["c"].Value)
            {
                case "A":
                    row = Math.Max(0, row - n);
                    break;
                case "F":
                    row = Math.Max(0, row - n);
                    column = 0;
                    break;
                case "G":
                    column = Math.Max(0, n - 1);
                    break;
                case "D":
                    column = Math.Max(0, column - n);
                    break;
                case "K":
                    Line(lines, row).Length = Math.Min(Line(lines, row).Length, column);
                    break;
                case "J":
                    Line(lines, row).Length = Math.Min(Line(lines, row).Length, column);
                    lines.RemoveRange(row + 1, lines.Count - row - 1);
                    break;
            }
        }

        Write(raw.AsSpan(position), lines, ref row, ref column);
        return lines.Select(l => l.ToString().TrimEnd()).ToList();
    }

    private static void Write(ReadOnlySpan<char> text, List<StringBuilder> lines, ref int row, ref int column)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r':
                    column = 0;
                    break;
                case '\n':
                    row++;
                    column = 0;
                    break;
                default:
                    var line = Line(lines, row);
                    if (line.Length < column)
                    {
                        line.Append(' ', column - line.Length);
                    }

                    if (column < line.Length)
                    {
                        line[column] = c;
                    }
                    else
                    {
                        line.Append(c);
                    }

                    column++;
                    break;
            }
        }
    }

    private static StringBuilder Line(List<StringBuilder> lines, int row)
    {
        while (lines.Count <= row)
        {
            lines.Add(new StringBuilder());
        }

        return lines[row];
    }
}
