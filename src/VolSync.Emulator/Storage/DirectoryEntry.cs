namespace VolSync.Emulator.Storage;

/// <summary>One child in a directory listing, as the Files API reports it.</summary>
internal sealed record DirectoryEntry(string Path, string Name, bool IsDirectory, long? FileSize, long? LastModifiedMs);
