using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace VolSync.Discovery;

/// <summary>
/// Reads a file's <see cref="FileChangeStamp"/> from the OS, following symbolic links as opening the file does:
/// <c>statx</c> on Linux (glibc 2.28+, musl 1.2.5+; its layout is the same on every architecture) and <c>stat</c>
/// on macOS. Careful by construction: any failure to load, an unexpected errno, or a result whose size and
/// modification time disagree with what .NET saw a moment earlier (on the first file, twice) switches it off
/// for the process, and callers fall back to size and time. Windows: not read (an optional extra there).
/// </summary>
internal static class NativeFileStatus
{
    private const int AtFdCwd = -100;
    private const uint StatxMtime = 0x40;
    private const uint StatxCtime = 0x80;
    private const uint StatxIno = 0x100;
    private const uint StatxSize = 0x200;
    private const uint StatxWanted = StatxMtime | StatxCtime | StatxIno | StatxSize;
    private const int StatxBufferSize = 256;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;
    private const int ELOOP = 40;
    private const int MacELOOP = 62;

    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static byte[]? t_path;

    // 0: not yet checked against .NET; 1: trusted; -1: off for this process.
    private static int s_state = BitConverter.IsLittleEndian && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) ? 0 : -1;

    /// <summary>Whether stamps are read at all on this machine (false once switched off).</summary>
    public static bool IsAvailable => Volatile.Read(ref s_state) >= 0;

    /// <summary>
    /// The stamp of <paramref name="fullPath"/>, which .NET has just reported with <paramref name="size"/> bytes and
    /// last write time <paramref name="lastWriteUtcTicks"/>. <see cref="FileChangeStamp.Changing"/> when the OS now
    /// reports another size or time; <see cref="FileChangeStamp.Unknown"/> when the OS cannot tell.
    /// </summary>
    public static FileChangeStamp Read(string fullPath, long size, long lastWriteUtcTicks)
    {
        if (Volatile.Read(ref s_state) < 0)
        {
            return FileChangeStamp.Unknown;
        }

        if (!TryStat(fullPath, out var native))
        {
            return FileChangeStamp.Unknown;
        }

        if (native.Size == size && native.LastWriteUtcTicks == lastWriteUtcTicks)
        {
            Interlocked.CompareExchange(ref s_state, 1, 0);
            return new FileChangeStamp(native.Inode, native.ChangeUtcTicks);
        }

        if (Volatile.Read(ref s_state) == 0)
        {
            // Not yet trusted: a disagreement may be a misread layout rather than a change. Ask both again.
            var info = new FileInfo(fullPath);
            if (!TryStat(fullPath, out var again) || !info.Exists || again.Size != info.Length || again.LastWriteUtcTicks != info.LastWriteTimeUtc.Ticks)
            {
                Volatile.Write(ref s_state, -1);
                return FileChangeStamp.Unknown;
            }

            Interlocked.CompareExchange(ref s_state, 1, 0);
        }

        return FileChangeStamp.Changing;
    }

    private static bool TryStat(string fullPath, out NativeStatus status)
    {
        status = default;
        var path = PathBytes(fullPath);
        var buffer = t_buffer ??= new byte[StatxBufferSize];
        Array.Clear(buffer);
        int rc;
        try
        {
            rc = OperatingSystem.IsLinux() ? Statx(AtFdCwd, path, 0, StatxWanted, buffer)
                : RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? MacStat(path, buffer)
                : MacStat64(path, buffer);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            Volatile.Write(ref s_state, -1);
            return false;
        }

        if (rc != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is not (ENOENT or ENOTDIR or ELOOP or MacELOOP))
            {
                // ENOSYS, EPERM (a seccomp filter), EINVAL...: this machine will not answer.
                Volatile.Write(ref s_state, -1);
            }

            return false;
        }

        if (OperatingSystem.IsLinux())
        {
            var mask = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
            if ((mask & StatxWanted) != StatxWanted)
            {
                return false;
            }

            status = new NativeStatus(
                (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(40)),
                Ticks(buffer, 112),
                BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32)),
                Ticks(buffer, 96));
        }
        else
        {
            // struct stat with 64-bit inodes: st_ino at 8, st_mtimespec at 48, st_ctimespec at 64, st_size at 96.
            status = new NativeStatus(
                BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(96)),
                Ticks(buffer, 48),
                BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8)),
                Ticks(buffer, 64));
        }

        return true;
    }

    /// <summary>Seconds (int64) then nanoseconds at <paramref name="offset"/>, as .NET converts them: 100 ns ticks.</summary>
    private static long Ticks(byte[] buffer, int offset)
    {
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(offset));
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 8));
        return UnixEpochTicks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100);
    }

    private static byte[] PathBytes(string fullPath)
    {
        var count = Encoding.UTF8.GetByteCount(fullPath) + 1;
        var bytes = t_path;
        if (bytes is null || bytes.Length < count)
        {
            bytes = t_path = new byte[Math.Max(count, 512)];
        }

        var written = Encoding.UTF8.GetBytes(fullPath, bytes);
        bytes[written] = 0;
        return bytes;
    }

    private readonly record struct NativeStatus(long Size, long LastWriteUtcTicks, ulong Inode, long ChangeUtcTicks);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MacStat(byte[] path, byte[] buffer);

    [DllImport("libc", EntryPoint = "stat$INODE64", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MacStat64(byte[] path, byte[] buffer);
}
