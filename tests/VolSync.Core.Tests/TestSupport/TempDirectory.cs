using System.Text;

namespace VolSync.Core.Tests.TestSupport;

/// <summary>A scratch folder for one test, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Old enough that the hash cache trusts the time (outside its racy window).</summary>
    public static readonly DateTime OldTime = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "volsync-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Writes a file (creating folders) and sets its last write time to <paramref name="lastWriteUtc"/> or <see cref="OldTime"/>.</summary>
    public string Write(string relative, string content, DateTime? lastWriteUtc = null) => Write(relative, Encoding.UTF8.GetBytes(content), lastWriteUtc);

    public string Write(string relative, byte[] content, DateTime? lastWriteUtc = null)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        File.SetLastWriteTimeUtc(full, lastWriteUtc ?? OldTime);
        return full;
    }

    public string CreateDirectory(string relative)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(full);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
