using VolSync.Diagnostics;

namespace VolSync.Hashing;

/// <summary>A local file's size, time or content moved away from the snapshot its hash was taken from.</summary>
internal sealed class LocalFileChangedException : VolSyncException
{
    public LocalFileChangedException(string fullPath)
        : base(DiagnosticCodes.FileChangedDuringSync.Code, DiagnosticCodes.FileChangedDuringSync.Format(fullPath))
    {
    }
}
