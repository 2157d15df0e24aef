using System.Collections.Concurrent;
using VolSync.Emulator.Endpoints;

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

    /// <summary>
    /// Multipart: one file the parts of the usual layout (every part but the last of one size) are written into at
    /// their final offsets, so completing the upload is a rename, not a second copy of every byte.
    /// </summary>
    public string SlabFile => System.IO.Path.Combine(Folder, "slab");

    /// <summary>The part size of the slab: that of the first part of at least 5 MiB to arrive; null until then.</summary>
    public long? SlabPartSize { get; private set; }

    /// <summary>Fixes the slab's part size with the first part that may be a non-last part, and returns it.</summary>
    public long? ClaimSlabPartSize(long partSize)
    {
        lock (Parts)
        {
            if (SlabPartSize is null && partSize >= MultipartEndpoints.MinPartSize)
            {
                SlabPartSize = partSize;
            }

            return SlabPartSize;
        }
    }
}

/// <summary>
/// One uploaded part: where its bytes are (its own file, or a range of the session's slab), its size and the ETag
/// it was answered with (an opaque quoted token, as clients must treat every cloud's ETags).
/// </summary>
internal sealed record StoredPart(string File, long Offset, long Size, string ETag);
