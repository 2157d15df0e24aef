using System.Buffers.Binary;

namespace VolSync.Hashing;

/// <summary>
/// A SHA-256 held in 32 bytes instead of a 64-character string (152 bytes on the heap): per-file state of a
/// 200 000-file sync stays small. <see cref="ToString"/> gives the lowercase hex everything else speaks.
/// </summary>
internal readonly record struct Sha256Digest(ulong A, ulong B, ulong C, ulong D)
{
    public const int ByteLength = 32;

    /// <summary>The SHA-256 of no bytes.</summary>
    public static readonly Sha256Digest Empty = Parse("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    public static Sha256Digest FromBytes(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != ByteLength)
        {
            throw new ArgumentException($"A SHA-256 has {ByteLength} bytes, not {hash.Length}.", nameof(hash));
        }

        return new Sha256Digest(
            BinaryPrimitives.ReadUInt64BigEndian(hash),
            BinaryPrimitives.ReadUInt64BigEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(hash[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(hash[24..]));
    }

    /// <summary>Parses 64 hex digits (either case); false for anything else.</summary>
    public static bool TryParse(string? hex, out Sha256Digest digest)
    {
        digest = default;
        if (hex is not { Length: ByteLength * 2 } || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        digest = FromBytes(Convert.FromHexString(hex));
        return true;
    }

    public static Sha256Digest Parse(string hex) =>
        TryParse(hex, out var digest) ? digest : throw new FormatException($"'{hex}' is not a SHA-256 in hex.");

    /// <summary>Lowercase hex, 64 digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, A);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], D);
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
