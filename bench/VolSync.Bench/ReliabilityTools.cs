// Helpers of build/bench-reliability.sh: build large or random trees fast, and check what reached the emulator.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VolSync.Naming;

internal static class ReliabilityTools
{
    private static readonly DateTime Old = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    /// <summary>
    /// <paramref name="count"/> small files in <paramref name="directories"/> folders under <paramref name="local"/>,
    /// with an old modification time, and the same files under their hashed names in <paramref name="remote"/> (the
    /// emulator's folder of the target), so a sync finds everything up to date without uploading it first. A local
    /// folder of "-" writes only the remote side.
    /// </summary>
    public static void Tree(string local, int count, int directories, string remote)
    {
        var perDirectory = (count + directories - 1) / directories;
        for (var i = 0; i < count; i++)
        {
            var folder = directories == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"dir{i / perDirectory:0000}");
            var name = string.Create(CultureInfo.InvariantCulture, $"file-{i:000000}.txt");
            var content = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"content of file {i}\n"));
            if (local != "-")
            {
                var localPath = Path.Combine(local, folder, name);
                Directory.CreateDirectory(Path.GetDirectoryName(localPath)!);
                File.WriteAllBytes(localPath, content);
                File.SetLastWriteTimeUtc(localPath, Old);
            }

            var remotePath = Path.Combine(remote, folder, HashedName.Format(name, Convert.ToHexStringLower(SHA256.HashData(content)), HashedName.DefaultHashLength));
            Directory.CreateDirectory(Path.GetDirectoryName(remotePath)!);
            File.WriteAllBytes(remotePath, content);
        }
    }

    /// <summary>Files of random bytes with sizes uniform in 0..<paramref name="maxBytes"/> (five of them empty), in ten folders.</summary>
    public static void RandomTree(string local, int count, int maxBytes, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[maxBytes];
        for (var i = 0; i < count; i++)
        {
            var size = i < 5 ? 0 : random.Next(maxBytes + 1);
            random.NextBytes(buffer.AsSpan(0, size));
            var path = Path.Combine(local, string.Create(CultureInfo.InvariantCulture, $"d{i % 10}"), string.Create(CultureInfo.InvariantCulture, $"f{i:0000}.bin"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, buffer.AsSpan(0, size).ToArray());
        }
    }

    /// <summary>
    /// Prints "wrong missing remote": remote files whose content does not match the hash in their name, local files
    /// without a remote copy of their content, and remote files in all (VolSync's own .volsync folder not counted).
    /// </summary>
    public static void Verify(string local, string remote)
    {
        var wrong = 0;
        var files = 0;
        foreach (var path in Directory.EnumerateFiles(remote, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(remote, path);
            if (relative.StartsWith(".volsync", StringComparison.Ordinal) || Path.GetFileName(path).StartsWith(".volsync-upload-", StringComparison.Ordinal))
            {
                continue;
            }

            files++;
            if (!HashedName.TryParse(Path.GetFileName(path), HashedName.DefaultHashLength, out var parts)
                || !Sha256Of(path).StartsWith(parts.Hash, StringComparison.Ordinal))
            {
                wrong++;
            }
        }

        var missing = 0;
        foreach (var path in Directory.EnumerateFiles(local, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(local, path);
            var expected = Path.Combine(remote, Path.GetDirectoryName(relative) ?? string.Empty, HashedName.Format(Path.GetFileName(path), Sha256Of(path), HashedName.DefaultHashLength));
            if (!File.Exists(expected) || new FileInfo(expected).Length != new FileInfo(path).Length)
            {
                missing++;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{wrong} {missing} {files}"));
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
