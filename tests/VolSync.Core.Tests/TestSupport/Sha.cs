using System.Security.Cryptography;
using System.Text;

namespace VolSync.Core.Tests.TestSupport;

public static class Sha
{
    public static string Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Hex(string content) => Hex(Encoding.UTF8.GetBytes(content));
}
