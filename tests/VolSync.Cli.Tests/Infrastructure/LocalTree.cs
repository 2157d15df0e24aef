using System.Security.Cryptography;
using System.Text;

namespace VolSync.Cli.Tests.Infrastructure;

/// <summary>A temporary local folder of small text files to upload.</summary>
public sealed class LocalTree : IDisposable
{
    public LocalTree(params (string RelativePath, string Content)[] files)
    {
        Root = Directory.CreateTempSubdirectory("volsync-cli-local-").FullName;
        foreach (var (relativePath, content) in files)
        {
            Write(relativePath, content);
        }
    }

    public string Root { get; }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Sha256(string relativePath) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Root, relativePath))));

    /// <summary>The SPEC §1 remote name: stem_hash16.ext, in the same folder.</summary>
    public string RemoteName(string relativePath)
    {
        var hash = Sha256(relativePath)[..16];
        var slash = relativePath.LastIndexOf('/');
        var folder = slash < 0 ? string.Empty : relativePath[..(slash + 1)];
        var name = relativePath[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? $"{folder}{name}_{hash}" : $"{folder}{name[..dot]}_{hash}{name[dot..]}";
    }

    public static string Text(int lines, string seed)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            builder.Append(seed).Append(' ').Append(i).Append('\n');
        }

        return builder.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
