namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// How a file is cut into parts: the preferred size (16 MiB by default), grown when needed so a file takes at most
/// 10 000 parts, never below the cloud's 5 MiB minimum (only the last part may be smaller) and always a multiple
/// of 256 KiB, which GCS requires of every chunk but the last.
/// </summary>
internal readonly record struct PartLayout(long Length, long PartSize, int Count)
{
    public const long DefaultPartSize = 16L * 1024 * 1024;
    public const long MinPartSize = 5L * 1024 * 1024;

    /// <summary>A part is read whole into one buffer before it is sent, so it must fit in an array.</summary>
    public const long MaxPartSize = 1L * 1024 * 1024 * 1024;

    public const int MaxParts = 10_000;
    private const long Granule = 256 * 1024;

    public static PartLayout For(long length, long preferredPartSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var size = RoundUp(Math.Clamp(preferredPartSize, MinPartSize, MaxPartSize));
        if (Parts(length, size) > MaxParts)
        {
            size = RoundUp(Parts(length, MaxParts));
        }

        return new PartLayout(length, size, (int)Parts(length, size));
    }

    /// <summary>Byte offset of a part (numbered from 1).</summary>
    public long Offset(int partNumber) => (partNumber - 1) * PartSize;

    /// <summary>Bytes in a part (numbered from 1): the part size, or what is left for the last one.</summary>
    public int SizeOf(int partNumber) => (int)Math.Min(PartSize, Length - Offset(partNumber));

    private static long Parts(long length, long size) => (length + size - 1) / size;

    private static long RoundUp(long bytes) => (bytes + Granule - 1) / Granule * Granule;
}
