using System.CommandLine;

namespace VolSync.Cli.Commands;

/// <summary><c>--hash-length N</c>: hex digits of the SHA-256 in remote names (MSBuild <c>VolSyncHashLength</c>).</summary>
internal sealed class HashLengthOption : Option<string?>
{
    public HashLengthOption()
        : base("--hash-length")
    {
        Description = $"Hex digits of the SHA-256 in remote names, {SyncDefaults.MinHashLength}-{SyncDefaults.MaxHashLength} (default {SyncDefaults.HashLength}); use the same value for every sync and listing of a folder.";
        HelpName = "n";
    }
}
