using VolSync.Discovery;

namespace VolSync.Hashing;

/// <summary>
/// A local file with its SHA-256 and the size and last write time it had when that hash was taken (the snapshot an
/// upload checks against).
/// </summary>
internal sealed record HashedFile(LocalFile File, string Sha256, long Size, long LastWriteUtcTicks);

/// <summary>The outcome of hashing one file: the hash, or why there is none.</summary>
internal sealed record HashOutcome(LocalFile File, HashedFile? Hashed, string? ErrorCode, string? Error);
