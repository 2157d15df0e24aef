using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VolSync.Emulator.Storage;

/// <summary>
/// Presigned URLs for the stand-in cloud storage: method, path and expiry signed with a key only this server
/// knows, so a URL works without any credential, only for what it was made for, and only until it expires.
/// </summary>
internal sealed class UrlSigner
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public Uri Create(Uri cloudBase, string method, string path, DateTimeOffset expires)
    {
        var unix = expires.ToUnixTimeSeconds();
        return new Uri(cloudBase.GetLeftPart(UriPartial.Authority) + path + string.Create(CultureInfo.InvariantCulture, $"?expires={unix}&signature={Sign(method, path, unix)}"));
    }

    public SignatureCheck Verify(string method, string path, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix) || signature is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(method, path, unix)), Encoding.ASCII.GetBytes(signature)))
        {
            return SignatureCheck.Invalid;
        }

        return DateTimeOffset.UtcNow.ToUnixTimeSeconds() > unix ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    private string Sign(string method, string path, long unix) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{method}\n{path}\n{unix}")))).ToLowerInvariant();
}

internal enum SignatureCheck
{
    Valid,
    Invalid,
    Expired,
}
