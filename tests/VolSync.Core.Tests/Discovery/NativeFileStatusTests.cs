using System.Diagnostics;
using System.Globalization;
using VolSync.Core.Tests.TestSupport;
using VolSync.Discovery;

namespace VolSync.Core.Tests.Discovery;

/// <summary>The inode and status-change time read from libc agree with coreutils' <c>stat</c>, and move when git's index would notice.</summary>
public sealed class NativeFileStatusTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static FileChangeStamp Read(string path)
    {
        var info = new FileInfo(path);
        return NativeFileStatus.Read(path, info.Length, info.LastWriteTimeUtc.Ticks);
    }

    [Fact]
    public void On_linux_the_stamp_is_the_inode_and_ctime_that_stat_reports()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = _dir.Write("a.txt", "content");

        var stamp = Read(path);

        Assert.True(stamp.IsKnown);
        var (inode, ctimeSeconds) = Stat(path);
        Assert.Equal(inode, stamp.Inode);
        Assert.Equal(ctimeSeconds, (stamp.ChangeUtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Restoring_the_modification_time_moves_the_change_time_and_replacing_the_file_the_inode()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var path = _dir.Write("a.txt", "content");
        var before = Read(path);
        Thread.Sleep(20);

        File.WriteAllText(path, "CONTENT");
        File.SetLastWriteTimeUtc(path, TempDirectory.OldTime);
        var rewritten = Read(path);
        var replacement = _dir.Write("b.txt", "CONTENT");
        File.Move(replacement, path, overwrite: true);
        var replaced = Read(path);

        Assert.Equal(before.Inode, rewritten.Inode);
        Assert.NotEqual(before.ChangeUtcTicks, rewritten.ChangeUtcTicks);
        Assert.NotEqual(before.Inode, replaced.Inode);
    }

    [Fact]
    public void A_size_or_time_that_disagrees_with_the_file_gives_a_stamp_that_is_never_remembered()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = _dir.Write("a.txt", "content");
        Read(path);

        Assert.Equal(FileChangeStamp.Changing, NativeFileStatus.Read(path, 999, TempDirectory.OldTime.Ticks));
        Assert.Equal(FileChangeStamp.Unknown, NativeFileStatus.Read(_dir.Combine("missing.txt"), 1, 1));
        Assert.True(NativeFileStatus.IsAvailable);
    }

    private static (ulong Inode, long CtimeSeconds) Stat(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%i %Z", path]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var parts = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();
        return (ulong.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
