using System.Globalization;
using System.Security.Cryptography;
using VolSync.Hashing;

namespace VolSync.Releases;

/// <summary>
/// Release ids (SPEC §8): <c>yyyyMMdd'T'HHmmssfff'Z'-&lt;first 8 hex of the SHA-256 of the files array&gt;</c>, UTC,
/// so ids sort by time and two releases of the same instant still differ by content.
/// </summary>
public static class ReleaseId
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";
    private const int TimeLength = 19;
    private const int HashLength = 8;

    /// <summary>The id of a release created at <paramref name="createdUtc"/> whose files array serializes to <paramref name="filesArrayUtf8"/>.</summary>
    public static string Create(DateTimeOffset createdUtc, ReadOnlySpan<byte> filesArrayUtf8) =>
        FromDigest(createdUtc, Sha256Digest.FromBytes(SHA256.HashData(filesArrayUtf8)));

    /// <summary>The id of a release created at <paramref name="createdUtc"/> whose files array has the SHA-256 <paramref name="filesArrayDigest"/>.</summary>
    internal static string FromDigest(DateTimeOffset createdUtc, Sha256Digest filesArrayDigest) =>
        createdUtc.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + "-" + filesArrayDigest.ToString()[..HashLength];

    /// <summary>True for a string of the id's exact shape (so it is also a safe file name).</summary>
    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != TimeLength + 1 + HashLength || id[TimeLength] != '-')
        {
            return false;
        }

        if (!DateTime.TryParseExact(id.AsSpan(0, TimeLength), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _))
        {
            return false;
        }

        foreach (var c in id.AsSpan(TimeLength + 1))
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
