using VolSync.Hashing;
using VolSync.Naming;
using VolSync.Releases;
using VolSync.Remote;

namespace VolSync.Planning;

/// <summary>
/// What a local file is called on the volume and when the remote copy counts as up to date: the two naming modes
/// of SPEC §9, side by side so the planner holds one loop for both.
/// </summary>
internal abstract class RemoteNaming
{
    public abstract NamingMode Mode { get; }

    /// <summary>The remote file name (last component) of <paramref name="file"/>.</summary>
    public abstract string NameOf(HashedFile file);

    /// <summary>True when <paramref name="remote"/>, the listed entry of that name, already holds the file's content.</summary>
    public abstract bool IsUpToDate(HashedFile file, RemoteEntry remote);

    public static RemoteNaming Hashed(int hashLength) => new HashedNaming(hashLength);

    /// <param name="latest">The root's current release, read with its files, or null (then every file is uploaded).</param>
    public static RemoteNaming Original(CurrentRelease? latest) => new OriginalNaming(latest);

    /// <summary>SPEC §1: the name carries the hash, so the same name and size is the same content.</summary>
    private sealed class HashedNaming(int hashLength) : RemoteNaming
    {
        public override NamingMode Mode => NamingMode.Hashed;

        public override string NameOf(HashedFile file) => HashedName.Format(file.File.Name, file.Sha256, hashLength);

        public override bool IsUpToDate(HashedFile file, RemoteEntry remote) => remote.FileSize == file.Size;
    }

    /// <summary>
    /// SPEC §9: the name says nothing about the content, so the manifest does. Up to date means the latest release
    /// lists the file with this SHA-256, the remote size is the local size, and the remote file was not written after
    /// <c>latest.json</c> (server clock against server clock): a file overwritten behind the manifest's back is newer.
    /// </summary>
    private sealed class OriginalNaming(CurrentRelease? latest) : RemoteNaming
    {
        public override NamingMode Mode => NamingMode.Original;

        public override string NameOf(HashedFile file) => file.File.Name;

        public override bool IsUpToDate(HashedFile file, RemoteEntry remote) =>
            latest is not null
            && latest.TryFind(file.File.RelativePath, out var recordedSha256, out var recordedSize)
            && recordedSha256 == file.Digest
            && recordedSize == file.Size
            && remote.FileSize == file.Size
            && remote.LastModified is { } written
            && latest.LatestModified is { } manifestWritten
            && written <= manifestWritten;
    }
}
