using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VolSync.Cli.Commands;

/// <summary>
/// A length of time on the command line: <c>90</c> (seconds), <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>500ms</c>, or
/// parts added up (<c>1m30s</c>). Must be more than zero.
/// </summary>
internal static partial class DurationArgument
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text?.Trim() ?? string.Empty;
        if (double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            duration = TimeSpan.FromSeconds(seconds);
            return seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds / 2;
        }

        var parts = PartRegex().Matches(trimmed);
        if (parts.Count == 0 || parts.Sum(p => p.Length) != trimmed.Length)
        {
            return false;
        }

        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups["value"].Value, CultureInfo.InvariantCulture);
            duration += part.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
        }

        return duration > TimeSpan.Zero;
    }

    /// <summary>A System.CommandLine parser: the duration, or a parse error naming the option (VOLSYNC2300 with the others).</summary>
    public static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"{(result.Parent as OptionResult)?.Option.Name ?? "The duration"} expects a length of time above zero such as 90 (seconds), 30s, 5m, 1h or 1m30s, not '{text}'.");
        return null;
    }

    [GeneratedRegex(@"(?<value>[0-9]+(?:\.[0-9]+)?)(?<unit>ms|s|m|h)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartRegex();
}
