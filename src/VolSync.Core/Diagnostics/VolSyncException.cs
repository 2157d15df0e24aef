namespace VolSync.Diagnostics;

/// <summary>
/// The one exception type VolSync throws for anything a user can act on. It carries its findings as data:
/// <see cref="Diagnostics"/> (at least one; invalid settings report every problem at once), the first of which
/// gives <see cref="Code"/> and <see cref="Exception.Message"/>. The message never contains the code (hosts print
/// it from <see cref="Code"/>) nor a credential.
/// </summary>
public class VolSyncException : Exception
{
    public VolSyncException(string code, string message, Exception? innerException = null)
        : this(new Diagnostic(code, DiagnosticSeverity.Error, message), innerException)
    {
    }

    public VolSyncException(Diagnostic diagnostic, Exception? innerException = null)
        : this([diagnostic], innerException)
    {
    }

    public VolSyncException(IReadOnlyList<Diagnostic> diagnostics, Exception? innerException = null)
        : base(First(diagnostics).Message, innerException)
    {
        Diagnostics = diagnostics;
    }

    /// <summary>The diagnostic code of the first finding, e.g. <c>VOLSYNC2001</c>.</summary>
    public string Code => Diagnostic.Code;

    /// <summary>The first finding.</summary>
    public Diagnostic Diagnostic => Diagnostics[0];

    /// <summary>Every finding, in the order they were found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static Diagnostic First(IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        return diagnostics.Count > 0 ? diagnostics[0] : throw new ArgumentException("At least one diagnostic is required.", nameof(diagnostics));
    }
}
