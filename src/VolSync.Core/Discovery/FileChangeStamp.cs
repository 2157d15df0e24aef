namespace VolSync.Discovery;

/// <summary>
/// What git's index checks beyond size and modification time: the inode number and the status-change time
/// (ctime). A program can restore a file's modification time (<c>touch -r</c>, <c>cp -p</c>, <c>rsync -t</c>, tar,
/// build tools with fixed timestamps) but not its ctime, which the kernel moves on every write, rename and time
/// change; a file replaced by another gets a new inode. .NET has no API for either, so
/// <see cref="NativeFileStatus"/> asks the OS. Where it cannot (Windows, a libc without statx), the stamp is
/// <see cref="Unknown"/> and the hash cache falls back to size and modification time.
/// </summary>
/// <param name="Inode">Inode number (file index).</param>
/// <param name="ChangeUtcTicks">Status-change time, UTC ticks; 0 when unknown.</param>
internal readonly record struct FileChangeStamp(ulong Inode, long ChangeUtcTicks)
{
    /// <summary>The OS does not tell: only size and modification time can be compared.</summary>
    public static readonly FileChangeStamp Unknown;

    /// <summary>The file changed while it was being looked at; nothing about it may be remembered.</summary>
    public static readonly FileChangeStamp Changing = new(0, -1);

    public bool IsKnown => ChangeUtcTicks > 0;
}
