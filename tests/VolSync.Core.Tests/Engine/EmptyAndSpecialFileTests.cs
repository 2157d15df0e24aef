using System.Diagnostics;
using VolSync.Core.Tests.TestSupport;

namespace VolSync.Core.Tests.Engine;

/// <summary>Empty files are never opened: their content is known, and a FIFO looks exactly like one to .NET.</summary>
public sealed class EmptyAndSpecialFileTests : IDisposable
{
    private readonly SyncFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task An_empty_file_is_stored_empty_under_the_hash_of_no_bytes()
    {
        _f.Local.Write("empty.txt", string.Empty);

        var result = await _f.RunAsync();

        var file = Assert.Single(result.Files);
        Assert.Equal(FileOutcome.Uploaded, file.Outcome);
        Assert.Equal(Sha.Hex(string.Empty), file.Sha256);
        Assert.Equal(SyncFixture.RemotePath("empty.txt", string.Empty), file.RemotePath);
        Assert.Empty(_f.Store.Files[file.RemotePath].Content);
    }

    [Fact]
    public async Task A_fifo_in_the_folder_does_not_block_the_sync()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No FIFOs in the file system there.
        }

        _f.Local.Write("real.txt", "content");
        var fifo = _f.Local.Combine("pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO for reading waits for a writer that never comes; the guard turns a hang into a failure.
        var result = await _f.RunAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.Succeeded);
        Assert.Equal(["pipe", "real.txt"], result.Files.Select(f => f.RelativePath));
        Assert.Equal(Sha.Hex(string.Empty), result.Files[0].Sha256);
    }

    [Fact]
    public async Task An_empty_file_that_gains_content_after_hashing_is_failed_not_stored_under_the_empty_hash()
    {
        var path = _f.Local.Write("grows.txt", string.Empty, DateTime.UtcNow.AddMinutes(-5));
        _f.Store.HoldUploads();

        var sync = _f.RunAsync();
        while (_f.Store.UploadsStarted.Count == 0 && !sync.IsCompleted)
        {
            await Task.Delay(10);
        }

        await File.WriteAllTextAsync(path, "now it has content");
        _f.Store.ReleaseUploads();
        var result = await sync;

        var file = Assert.Single(result.Files);
        Assert.Equal(FileOutcome.Failed, file.Outcome);
        Assert.Equal("VOLSYNC3003", file.ErrorCode);
        Assert.Empty(_f.Store.Files);
    }
}
