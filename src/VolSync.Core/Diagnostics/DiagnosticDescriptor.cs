using System.Globalization;

namespace VolSync.Diagnostics;

/// <summary>
/// One coded diagnostic: its stable code and an English message template that says what went wrong and what to do.
/// Every descriptor lives in a <c>DiagnosticCodes.*.cs</c> file of this folder, grouped by area, so the whole
/// table of codes can be read in one place. The template never contains the code: hosts print it from
/// <see cref="Diagnostic.Code"/>.
/// </summary>
public sealed class DiagnosticDescriptor
{
    public DiagnosticDescriptor(string code, string messageFormat, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        Code = code;
        MessageFormat = messageFormat;
        Severity = severity;
    }

    public string Code { get; }

    public string MessageFormat { get; }

    /// <summary>The severity <see cref="Create"/> gives; warnings are declared as such in the table.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>The message (without its code).</summary>
    public string Format(params object?[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);

    /// <summary>The diagnostic as data, with this descriptor's severity.</summary>
    public Diagnostic Create(params object?[] args) => new(Code, Severity, Format(args));

    public VolSyncException ToException(params object?[] args) => new(Create(args));

    public VolSyncException ToException(Exception innerException, params object?[] args) => new(Create(args), innerException);

    public override string ToString() => Code;
}
