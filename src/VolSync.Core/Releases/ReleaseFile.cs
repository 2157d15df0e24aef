namespace VolSync.Releases;

/// <summary>One file of a release.</summary>
/// <param name="Path">The local relative path with <c>/</c> separators, e.g. <c>sub/app.dll</c>.</param>
/// <param name="RemotePath">Where it is stored, relative to the remote root: <c>sub/app_&lt;hash&gt;.dll</c>, or the path itself with original names.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the content.</param>
/// <param name="Size">Bytes.</param>
public sealed record ReleaseFile(string Path, string RemotePath, string Sha256, long Size);
