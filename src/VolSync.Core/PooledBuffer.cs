using System.Buffers;

namespace VolSync;

/// <summary>Byte buffers rented from the shared pool for streamed JSON, grown when one unit does not fit.</summary>
internal static class PooledBuffer
{
    /// <summary>Swaps <paramref name="buffer"/> for one twice as large holding its first <paramref name="filled"/> bytes; the old one goes back to the pool.</summary>
    public static void Grow(ref byte[] buffer, int filled)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
