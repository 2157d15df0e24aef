using System.Collections.Concurrent;

namespace VolSync.Emulator.Storage;

/// <summary>
/// One open large-file upload: where it goes, whether it may replace a file, and what has arrived so far (the
/// parts of a multipart upload, or the bytes of a resumable one), kept in its own folder until it completes.
/// </summary>
internal sealed class UploadSession(string token, VolumePath path, bool overwrite, MultipartMode kind, string folder)
{
    public string Token { get; } = token;

    public VolumePath Path { get; } = path;

    public bool Overwrite { get; } = overwrite;

    /// <summary><see cref="MultipartMode.Aws"/> for parts, <see cref="MultipartMode.Gcp"/> for a resumable upload.</summary>
    public MultipartMode Kind { get; } = kind;

    public string Folder { get; } = folder;

    /// <summary>The value presigned part URLs require in <see cref="SignedHeader"/>, standing in for a cloud's signed headers.</summary>
    public string SignedHeaderValue { get; } = token[..8];

    public const string SignedHeader = "x-emulator-upload-session";

    /// <summary>Serialises completion and resumable writes.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The latest upload of each part number.</summary>
    public ConcurrentDictionary<int, StoredPart> Parts { get; } = new();

    /// <summary>Resumable: bytes stored so far.</summary>
    public long Stored { get; set; }

    /// <summary>Resumable: the file was assembled; further requests are answered 200.</summary>
    public bool Finished { get; set; }

    public string DataFile => System.IO.Path.Combine(Folder, "data");
}

/// <summary>One uploaded part: its file, size and the ETag it was answered with (quoted MD5, as S3 does).</summary>
internal sealed record StoredPart(string File, long Size, string ETag);
