using System.Text.Json.Serialization;
using VolSync.Discovery;

namespace VolSync.Hashing;

/// <summary>
/// What the hash cache remembers of one file: its SHA-256 while it has this size, modification time, inode and
/// status-change time (the last two where the OS tells them; see <see cref="FileChangeStamp"/>).
/// </summary>
/// <param name="Path">Path under the synced folder, <c>/</c> separated.</param>
internal readonly record struct HashCacheEntry(string Path, long Size, long LastWriteUtcTicks, ulong Inode, long ChangeUtcTicks, Sha256Digest Sha256)
{
    /// <summary>True when <paramref name="file"/> still looks exactly as it did when this hash was taken.</summary>
    public bool Matches(LocalFile file) =>
        file.Stamp != FileChangeStamp.Changing
        && Size == file.Size
        && LastWriteUtcTicks == file.LastWriteUtcTicks
        && Inode == file.Stamp.Inode
        && ChangeUtcTicks == file.Stamp.ChangeUtcTicks;

    /// <summary>
    /// The entry to remember for a file hashed at <paramref name="hashedAtUtc"/>, or null when it must not be
    /// remembered: it changed since discovery, or it was written (or its status changed) within
    /// <see cref="HashCache.RacyWindow"/> of hashing, where a further change could leave every stamp as it is.
    /// </summary>
    public static HashCacheEntry? For(HashedFile hashed, DateTime hashedAtUtc)
    {
        var file = hashed.File;
        var trusted = (hashedAtUtc - HashCache.RacyWindow).Ticks;
        if (!hashed.MatchesDiscovery || file.Stamp == FileChangeStamp.Changing || hashed.LastWriteUtcTicks > trusted || file.Stamp.ChangeUtcTicks > trusted)
        {
            return null;
        }

        return new HashCacheEntry(file.RelativePath, hashed.Size, hashed.LastWriteUtcTicks, file.Stamp.Inode, file.Stamp.ChangeUtcTicks, hashed.Digest);
    }

    internal HashCacheLine ToLine() => new()
    {
        Path = Path,
        Size = Size,
        LastWriteUtcTicks = LastWriteUtcTicks,
        Inode = Inode,
        ChangeUtcTicks = ChangeUtcTicks,
        Sha256 = Sha256.ToString(),
    };

    internal static HashCacheEntry? FromLine(HashCacheLine? line) =>
        line is { Path.Length: > 0, Size: >= 0 } && Sha256Digest.TryParse(line.Sha256, out var digest)
            ? new HashCacheEntry(line.Path, line.Size, line.LastWriteUtcTicks, line.Inode, line.ChangeUtcTicks, digest)
            : null;
}

/// <summary>The first line of a cache file.</summary>
internal sealed class HashCacheHeader
{
    public string? Format { get; set; }

    public int Version { get; set; }

    public string? Root { get; set; }
}

/// <summary>Every further line: one entry.</summary>
internal sealed class HashCacheLine
{
    public string? Path { get; set; }

    public long Size { get; set; }

    public long LastWriteUtcTicks { get; set; }

    public ulong Inode { get; set; }

    public long ChangeUtcTicks { get; set; }

    public string? Sha256 { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HashCacheHeader))]
[JsonSerializable(typeof(HashCacheLine))]
internal sealed partial class HashCacheJsonContext : JsonSerializerContext;
