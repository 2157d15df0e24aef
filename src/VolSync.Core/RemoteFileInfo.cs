namespace VolSync;

/// <summary>One file under a remote root, as <see cref="VolumeSync.ListRemoteAsync"/> reports it.</summary>
/// <param name="Path">Absolute remote path.</param>
/// <param name="RelativePath">Path under the remote root with <c>/</c> separators.</param>
/// <param name="OriginalName">The local file name the remote name was made from; the name itself for foreign files.</param>
/// <param name="Hash">The hash prefix in the name; null for foreign files (names VolSync did not make).</param>
/// <param name="Size">Bytes.</param>
/// <param name="LastModified">Server modification time, when reported.</param>
public sealed record RemoteFileInfo(string Path, string RelativePath, string OriginalName, string? Hash, long Size, DateTimeOffset? LastModified);
