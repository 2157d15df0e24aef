namespace VolSync.Remote;

/// <summary>What a <c>HEAD</c> on a remote file reports.</summary>
/// <param name="Path">Absolute path, as asked for.</param>
/// <param name="Length">Bytes, from <c>Content-Length</c>.</param>
/// <param name="LastModified">From <c>Last-Modified</c>, when the server sends it.</param>
/// <param name="ContentType">From <c>Content-Type</c>, when the server sends it.</param>
public sealed record RemoteFileMetadata(string Path, long Length, DateTimeOffset? LastModified, string? ContentType);
