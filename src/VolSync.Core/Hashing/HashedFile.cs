using VolSync.Discovery;

namespace VolSync.Hashing;

/// <summary>
/// A local file with its SHA-256 and the size and last write time it had when that hash was taken (the snapshot an
/// upload checks against).
/// </summary>
internal sealed record HashedFile(LocalFile File, Sha256Digest Digest, long Size, long LastWriteUtcTicks)
{
    public HashedFile(LocalFile file, string sha256, long size, long lastWriteUtcTicks)
        : this(file, Sha256Digest.Parse(sha256), size, lastWriteUtcTicks)
    {
    }

    /// <summary>Lowercase hex SHA-256.</summary>
    public string Sha256 => Digest.ToString();

    /// <summary>The file has the size and time it had at discovery, so its discovery stamp describes the hashed content.</summary>
    public bool MatchesDiscovery => Size == File.Size && LastWriteUtcTicks == File.LastWriteUtcTicks;
}

/// <summary>The outcome of hashing one file: the hash, or why there is none. A struct: one per file, kept only briefly.</summary>
internal readonly record struct HashOutcome(LocalFile File, HashedFile? Hashed, string? ErrorCode, string? Error);
