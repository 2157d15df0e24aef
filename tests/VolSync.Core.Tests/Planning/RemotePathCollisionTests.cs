using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Naming;

namespace VolSync.Core.Tests.Planning;

/// <summary>
/// Issue 12 item 8: a local file <c>d</c> is stored as <c>d_&lt;h&gt;</c>; a local folder literally named
/// <c>d_&lt;h&gt;</c> maps to the same remote path. A volume holds a file or a folder there, never both.
/// </summary>
public sealed class RemotePathCollisionTests : IDisposable
{
    private readonly SyncFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_file_and_a_folder_on_one_remote_path_both_fail_before_any_upload_and_the_rest_syncs()
    {
        var folder = HashedName.Format("d", Sha.Hex("x"), 16);
        _f.Local.Write("d", "x");
        _f.Local.Write(folder + "/inner.txt", "inner");
        _f.Local.Write(folder + "/deeper/more.txt", "more");
        _f.Local.Write("fine.txt", "fine");

        var result = await _f.RunAsync();

        Assert.Equal(["fine.txt"], result.Files.Where(f => f.Outcome == FileOutcome.Uploaded).Select(f => f.RelativePath));
        var failed = result.Files.Where(f => f.Outcome == FileOutcome.Failed).ToList();
        Assert.Equal(["d", folder + "/deeper/more.txt", folder + "/inner.txt"], failed.Select(f => f.RelativePath));
        Assert.All(failed, f => Assert.Equal(DiagnosticCodes.RemotePathCollision.Code, f.ErrorCode));
        Assert.Contains($"'{folder}'", failed[0].Error, StringComparison.Ordinal);
        Assert.Contains("'d'", failed[2].Error, StringComparison.Ordinal);
        Assert.Contains($"{SyncFixture.VolumeRoot}/{folder}", failed[0].Error, StringComparison.Ordinal);
        Assert.Equal([SyncFixture.RemotePath("fine.txt", "fine")], _f.Store.UploadsStarted);
    }

    [Fact]
    public async Task A_dry_run_and_a_forced_run_report_the_collision_too()
    {
        var folder = HashedName.Format("d", Sha.Hex("x"), 16);
        _f.Local.Write("d", "x");
        _f.Local.Write(folder + "/inner.txt", "inner");

        var dry = await _f.RunAsync(c => new SyncConfig { LocalPath = c.LocalPath, VolumePath = c.VolumePath, HashCacheDirectory = c.HashCacheDirectory, DryRun = true });
        var forced = await _f.RunAsync(c => new SyncConfig { LocalPath = c.LocalPath, VolumePath = c.VolumePath, HashCacheDirectory = c.HashCacheDirectory, ForceUpload = true });

        Assert.Equal(2, dry.FailureCount);
        Assert.Equal(2, forced.FailureCount);
        Assert.Empty(_f.Store.UploadsStarted);
    }

    [Fact]
    public async Task A_folder_whose_name_only_looks_hashed_does_not_collide()
    {
        _f.Local.Write("d", "x");
        _f.Local.Write(HashedName.Format("d", Sha.Hex("y"), 16) + "/inner.txt", "inner");

        var result = await _f.RunAsync();

        Assert.Equal(2, result.SuccessCount);
    }
}
