namespace VolSync.Diagnostics;

/// <summary>
/// The one exception type VolSync throws for anything a user can act on. <see cref="Code"/> is the stable
/// <c>VOLSYNC####</c> code; the message already starts with it and says what to do.
/// Messages never contain credentials.
/// </summary>
public class VolSyncException : Exception
{
    public VolSyncException(string code, string message, Exception? innerException = null)
        : base(message.StartsWith(code, StringComparison.Ordinal) ? message : $"{code}: {message}", innerException)
    {
        Code = code;
    }

    /// <summary>The diagnostic code, e.g. <c>VOLSYNC2001</c>.</summary>
    public string Code { get; }

    /// <summary>The message without its leading code, for renderers that print the code separately.</summary>
    public string MessageWithoutCode => Message.StartsWith(Code + ": ", StringComparison.Ordinal) ? Message[(Code.Length + 2)..] : Message;
}
