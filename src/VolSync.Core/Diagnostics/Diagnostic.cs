namespace VolSync.Diagnostics;

/// <summary>How bad a <see cref="Diagnostic"/> is: errors stop the run (or fail a file), warnings do not.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One coded finding, as data: hosts format it (MSBuild passes <see cref="Code"/> and <see cref="File"/> to
/// <c>Log.LogError</c>, the CLI prints <c>error VOLSYNC2001: ...</c>), so the code is never part of
/// <see cref="Message"/>.
/// </summary>
/// <param name="Code">The stable <c>VOLSYNC####</c> code.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What went wrong and what to do, without the code. Never contains a credential.</param>
/// <param name="File">The local file it is about, when there is one.</param>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, string? File = null)
{
    /// <summary>The compiler-style line: <c>error VOLSYNC2001: message</c>.</summary>
    public override string ToString() =>
        $"{(Severity == DiagnosticSeverity.Warning ? "warning" : "error")} {Code}: {Message}";
}
