using System.Globalization;

namespace VolSync.Diagnostics;

/// <summary>
/// One coded diagnostic: its stable code and an English message template that says what went wrong and what to do.
/// Every descriptor lives in a <c>DiagnosticCodes.*.cs</c> file of this folder, grouped by area, so the whole
/// table of codes can be read in one place.
/// </summary>
public sealed class DiagnosticDescriptor
{
    public DiagnosticDescriptor(string code, string messageFormat)
    {
        Code = code;
        MessageFormat = messageFormat;
    }

    public string Code { get; }

    public string MessageFormat { get; }

    /// <summary>The message without its code.</summary>
    public string Format(params object?[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);

    /// <summary>The message with its code in front, as users see it: <c>VOLSYNC2001: ...</c>.</summary>
    public string FormatWithCode(params object?[] args) => $"{Code}: {Format(args)}";

    public VolSyncException ToException(params object?[] args) => new(Code, Format(args));

    public VolSyncException ToException(Exception innerException, params object?[] args) => new(Code, Format(args), innerException);

    public override string ToString() => Code;
}
