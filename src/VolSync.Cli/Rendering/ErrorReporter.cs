using VolSync.Diagnostics;

namespace VolSync.Cli.Rendering;

/// <summary>
/// Errors and warnings, one line each on stderr in the form compilers use (<c>error VOLSYNC1152: ...</c>), so
/// editors, CI annotations and people all find the code. Never a stack trace: every message says what to do.
/// </summary>
internal static class ErrorReporter
{
    public static void Error(string code, string message) => Write("error", code, message);

    /// <summary>Every finding of the exception, one line each.</summary>
    public static void Error(VolSyncException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var diagnostic in exception.Diagnostics)
        {
            Report(diagnostic);
        }
    }

    public static void Report(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        Write(diagnostic.Severity == DiagnosticSeverity.Warning ? "warning" : "error", diagnostic.Code, diagnostic.Message);
    }

    public static void Warning(string? code, string message) => Write("warning", code, message);

    private static void Write(string severity, string? code, string message)
    {
        // One line per diagnostic: a name with a newline in the message is escaped, never split.
        var text = DisplayText.Escape(message.Trim());
        // Console.Error is synchronised, so concurrent uploads cannot interleave within a line.
        Console.Error.WriteLine(code is null ? $"{severity}: {text}" : $"{severity} {code}: {text}");
    }
}
