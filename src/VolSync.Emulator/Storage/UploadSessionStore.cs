using System.Collections.Concurrent;
using System.Security.Cryptography;
using VolSync.Emulator.Errors;

namespace VolSync.Emulator.Storage;

/// <summary>The open upload sessions, each with a folder under <c>&lt;root&gt;/.volsync-emulator/uploads</c>.</summary>
internal sealed class UploadSessionStore(string root)
{
    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new(StringComparer.Ordinal);
    private readonly string _folder = Path.Combine(root, ".volsync-emulator", "uploads");

    /// <summary>Sessions neither completed nor aborted.</summary>
    public int OpenCount => _sessions.Values.Count(s => !s.Finished);

    public UploadSession Open(VolumePath path, bool overwrite, MultipartMode kind)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var folder = Path.Combine(_folder, token);
        Directory.CreateDirectory(folder);
        var session = new UploadSession(token, path, overwrite, kind, folder);
        _sessions[token] = session;
        return session;
    }

    public bool TryGet(string token, out UploadSession session) => _sessions.TryGetValue(token, out session!);

    /// <summary>The session of a control-plane request: 404 when unknown, 400 when it belongs to another path.</summary>
    public UploadSession Get(string? token, VolumePath path)
    {
        if (string.IsNullOrEmpty(token) || !_sessions.TryGetValue(token, out var session) || session.Finished)
        {
            throw ApiError.NotFound("The upload session does not exist: it may have been completed or aborted.", "FILES_API_UPLOAD_SESSION_NOT_FOUND");
        }

        if (!string.Equals(session.Path.Display, path.Display, StringComparison.Ordinal))
        {
            throw ApiError.InvalidParameter($"The upload session was opened for '{session.Path.Display}', not '{path.Display}'.", "FILES_API_INVALID_SESSION_TOKEN");
        }

        return session;
    }

    /// <summary>Forgets the session and deletes what it stored; a finished resumable session stays answerable.</summary>
    public void Close(UploadSession session, bool keepAnswering = false)
    {
        if (keepAnswering)
        {
            session.Finished = true;
        }
        else
        {
            _sessions.TryRemove(session.Token, out _);
        }

        try
        {
            Directory.Delete(session.Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A part still being written is removed with the rest of the temp root; nothing is listed from here.
        }
    }
}
