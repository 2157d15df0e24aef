using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Transfer;

public sealed class UploadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SyncFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static SyncConfig WithConcurrency(SyncConfig c, int max) =>
        new() { LocalPath = c.LocalPath, VolumePath = c.VolumePath, HashCacheDirectory = c.HashCacheDirectory, MaxConcurrentUploads = max };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task At_most_MaxConcurrentUploads_are_in_flight(int max)
    {
        for (var i = 0; i < 10; i++)
        {
            _f.Local.Write($"f{i}.txt", $"content {i}");
        }

        _f.Store.HoldUploads();
        var run = _f.RunAsync(c => WithConcurrency(c, max));
        await WaitUntilAsync(() => _f.Store.InFlight == max);
        var startedWhileHeld = _f.Store.UploadCalls;
        _f.Store.ReleaseUploads();
        var result = await run;

        Assert.Equal(max, startedWhileHeld);
        Assert.Equal(max, _f.Store.MaxInFlight);
        Assert.Equal(10, result.SuccessCount);
    }

    [Fact]
    public async Task One_failing_file_does_not_stop_the_others_and_comes_back_in_the_result()
    {
        _f.Local.Write("a.txt", "a");
        _f.Local.Write("b.txt", "b");
        _f.Local.Write("c.txt", "c");
        _f.Store.FailUploadsTo(SyncFixture.RemotePath("b.txt", "b"), new VolSyncException("VOLSYNC1042", "The volume refused the file. Check permissions."));

        var result = await _f.RunAsync(c => WithConcurrency(c, 1));

        Assert.Equal(2, result.SuccessCount);
        Assert.Equal(1, result.FailureCount);
        Assert.False(result.Succeeded);
        var failed = result.Files.Single(f => f.Outcome == FileOutcome.Failed);
        Assert.Equal("b.txt", failed.RelativePath);
        Assert.Equal("VOLSYNC1042", failed.ErrorCode);
        Assert.Contains("refused", failed.Error, StringComparison.Ordinal);
        Assert.Equal(SyncFixture.RemotePath("b.txt", "b"), failed.RemotePath);
        Assert.Equal(Sha.Hex("b"), failed.Sha256);
        Assert.Equal(2, _f.Store.Files.Count);
        Assert.Equal("a".Length + "c".Length, result.TotalBytesUploaded);
        // The failure is data for the host to render: code, message and the local file it is about.
        Assert.Equal(new Diagnostic("VOLSYNC1042", DiagnosticSeverity.Error, failed.Error!, failed.LocalPath), failed.Diagnostic);
    }

    [Fact]
    public async Task An_unexpected_exception_gets_an_engine_code()
    {
        _f.Local.Write("a.txt", "a");
        _f.Store.FailUploadsTo(SyncFixture.RemotePath("a.txt", "a"), new InvalidOperationException("socket closed"));

        var result = await _f.RunAsync();

        var failed = Assert.Single(result.Files);
        Assert.Equal(DiagnosticCodes.UploadFailedUnexpectedly.Code, failed.ErrorCode);
        Assert.DoesNotContain(DiagnosticCodes.UploadFailedUnexpectedly.Code, failed.Error, StringComparison.Ordinal);
        Assert.Contains("socket closed", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_new_uploads_and_aborts_those_in_flight()
    {
        for (var i = 0; i < 10; i++)
        {
            _f.Local.Write($"f{i}.txt", $"content {i}");
        }

        _f.Store.HoldUploads();
        using var cts = new CancellationTokenSource();
        var run = _f.RunAsync(c => WithConcurrency(c, 2), cancellationToken: cts.Token);
        await WaitUntilAsync(() => _f.Store.InFlight == 2);

        await cts.CancelAsync();
        var completed = await Task.WhenAny(run, Task.Delay(Patience));

        Assert.Same(run, completed);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(2, _f.Store.UploadCalls);
        Assert.Empty(_f.Store.Files);
        _f.Store.ReleaseUploads();
        Assert.Equal(2, _f.Store.UploadCalls);
    }

    [Fact]
    public async Task A_token_cancelled_before_the_run_starts_nothing()
    {
        _f.Local.Write("a.txt", "a");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _f.RunAsync(cancellationToken: cts.Token));

        Assert.Equal(0, _f.Store.UploadCalls);
        Assert.Empty(_f.Store.ListedDirectories);
    }

    [Fact]
    public async Task Content_changed_after_hashing_with_size_and_time_kept_is_failed_and_never_stored()
    {
        var path = _f.Local.Write("a.txt", "hello");
        _f.Local.Write("b.txt", "other");
        _f.Store.AttemptsPerUpload = 3;
        _f.Store.BeforeUpload = remote =>
        {
            if (remote == SyncFixture.RemotePath("a.txt", "hello"))
            {
                File.WriteAllText(path, "HELLO");
                File.SetLastWriteTimeUtc(path, TempDirectory.OldTime);
            }

            return Task.CompletedTask;
        };

        var result = await _f.RunAsync();

        var a = result.Files.Single(f => f.RelativePath == "a.txt");
        Assert.Equal(FileOutcome.Failed, a.Outcome);
        Assert.Equal(DiagnosticCodes.FileChangedDuringSync.Code, a.ErrorCode);
        Assert.Contains("run the sync again", a.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(_f.Store.Files.ContainsKey(SyncFixture.RemotePath("a.txt", "hello")));
        Assert.False(_f.Store.Files.ContainsKey(SyncFixture.RemotePath("a.txt", "HELLO")));
        Assert.Equal(FileOutcome.Uploaded, result.Files.Single(f => f.RelativePath == "b.txt").Outcome);
    }

    [Fact]
    public async Task A_file_whose_size_changed_after_hashing_is_failed_and_never_stored()
    {
        var path = _f.Local.Write("a.txt", "hello");
        _f.Store.BeforeUpload = _ =>
        {
            File.AppendAllText(path, " world");
            return Task.CompletedTask;
        };

        var result = await _f.RunAsync();

        var a = Assert.Single(result.Files);
        Assert.Equal(FileOutcome.Failed, a.Outcome);
        Assert.Equal(DiagnosticCodes.FileChangedDuringSync.Code, a.ErrorCode);
        Assert.Empty(_f.Store.Files);
    }

    [Fact]
    public async Task A_store_that_wraps_the_local_error_still_reports_the_file_as_changed()
    {
        var path = _f.Local.Write("a.txt", "hello");
        var wrapping = new WrappingStore(_f.Store);
        _f.Store.BeforeUpload = _ =>
        {
            File.WriteAllText(path, "jello");
            File.SetLastWriteTimeUtc(path, TempDirectory.OldTime);
            return Task.CompletedTask;
        };

        var result = await new VolumeSync(wrapping).SyncAsync(_f.Config());

        Assert.Equal(DiagnosticCodes.FileChangedDuringSync.Code, Assert.Single(result.Files).ErrorCode);
        Assert.Empty(_f.Store.Files);
    }

    [Fact]
    public async Task Progress_bytes_count_each_byte_once_when_the_store_retries()
    {
        _f.Local.Write("a.txt", new string('x', 5000));
        var flaky = new FlakyStore(_f.Store);
        var progress = new RecordingProgress();

        var result = await new VolumeSync(flaky).SyncAsync(_f.Config(), progress);

        Assert.Equal(1, result.SuccessCount);
        Assert.Equal(2, flaky.Attempts);
        var last = progress.Reports.Last(r => r.Phase == SyncPhase.Uploading);
        Assert.Equal(5000, last.BytesDone);
    }

    /// <summary>Turns every failure into its own exception type, as an HTTP client might.</summary>
    private sealed class WrappingStore(InMemoryVolumeStore inner) : VolSync.Remote.IVolumeStore
    {
        public IAsyncEnumerable<VolSync.Remote.RemoteEntry> ListDirectoryAsync(string directoryPath, CancellationToken cancellationToken = default) =>
            inner.ListDirectoryAsync(directoryPath, cancellationToken);

        public async Task UploadAsync(string filePath, Func<CancellationToken, ValueTask<Stream>> openContent, long length, bool overwrite, CancellationToken cancellationToken = default)
        {
            try
            {
                await inner.UploadAsync(filePath, openContent, length, overwrite, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new VolSyncException("VOLSYNC1010", "The upload request failed.", new HttpRequestException("body", ex));
            }
        }
    }

    /// <summary>Reads half the body, fails, then re-opens the content and sends it whole.</summary>
    private sealed class FlakyStore(InMemoryVolumeStore inner) : VolSync.Remote.IVolumeStore
    {
        public int Attempts { get; private set; }

        public IAsyncEnumerable<VolSync.Remote.RemoteEntry> ListDirectoryAsync(string directoryPath, CancellationToken cancellationToken = default) =>
            inner.ListDirectoryAsync(directoryPath, cancellationToken);

        public async Task UploadAsync(string filePath, Func<CancellationToken, ValueTask<Stream>> openContent, long length, bool overwrite, CancellationToken cancellationToken = default)
        {
            Attempts++;
            await using (var first = await openContent(cancellationToken))
            {
                await first.ReadExactlyAsync(new byte[length / 2], cancellationToken);
            }

            Attempts++;
            await inner.UploadAsync(filePath, openContent, length, overwrite, cancellationToken);
        }
    }
}
