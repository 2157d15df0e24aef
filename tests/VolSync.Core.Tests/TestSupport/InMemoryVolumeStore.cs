using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using VolSync.Diagnostics;
using VolSync.Remote;

namespace VolSync.Core.Tests.TestSupport;

/// <summary>
/// A thread-safe in-memory volume for engine tests. Commits an upload only when its whole body was read without
/// error (like the real service's atomic PUT), counts calls, paginates listings, fails chosen paths, and can hold
/// uploads until released.
/// </summary>
public sealed class InMemoryVolumeStore : IVolumeStore
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _listed = new();
    private readonly ConcurrentQueue<string> _uploadsStarted = new();
    private readonly ConcurrentDictionary<string, Exception> _failures = new(StringComparer.Ordinal);
    private int _listPages;
    private int _inFlight;
    private int _maxInFlight;
    private TaskCompletionSource _gate = CompletedGate();

    public sealed record StoredFile(byte[] Content, DateTimeOffset LastModified);

    /// <summary>Entries per listing page.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>How many times an upload calls the content factory when reading fails (a client's retries).</summary>
    public int AttemptsPerUpload { get; set; } = 1;

    /// <summary>Runs inside UploadAsync before the content is opened.</summary>
    public Func<string, Task>? BeforeUpload { get; set; }

    public IReadOnlyDictionary<string, StoredFile> Files => _files;

    /// <summary>Directories listed, one entry per ListDirectoryAsync call.</summary>
    public IReadOnlyList<string> ListedDirectories => _listed.ToList();

    public int ListPageRequests => Volatile.Read(ref _listPages);

    /// <summary>Paths whose upload started, one entry per UploadAsync call.</summary>
    public IReadOnlyList<string> UploadsStarted => _uploadsStarted.ToList();

    public int UploadCalls => _uploadsStarted.Count;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void Put(string path, byte[] content, DateTimeOffset? lastModified = null) =>
        _files[path] = new StoredFile(content, lastModified ?? DateTimeOffset.UtcNow);

    public void Put(string path, string content) => Put(path, System.Text.Encoding.UTF8.GetBytes(content));

    public string ReadText(string path) => System.Text.Encoding.UTF8.GetString(_files[path].Content);

    public void FailUploadsTo(string path, Exception exception) => _failures[path] = exception;

    /// <summary>Uploads wait (honouring their cancellation token) until <see cref="ReleaseUploads"/>.</summary>
    public void HoldUploads() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseUploads() => _gate.TrySetResult();

    public async IAsyncEnumerable<RemoteEntry> ListDirectoryAsync(string directoryPath, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _listed.Enqueue(directoryPath);
        var prefix = directoryPath.TrimEnd('/') + "/";
        var children = new SortedDictionary<string, RemoteEntry>(StringComparer.Ordinal);
        foreach (var (path, file) in _files)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = path[prefix.Length..];
            var slash = rest.IndexOf('/');
            if (slash < 0)
            {
                children[rest] = new RemoteEntry(path, rest, false, file.Content.Length, file.LastModified);
            }
            else
            {
                var name = rest[..slash];
                children.TryAdd(name, new RemoteEntry(prefix + name + "/", name, true, 0, null));
            }
        }

        var page = 0;
        foreach (var entry in children.Values)
        {
            if (page == 0)
            {
                Interlocked.Increment(ref _listPages);
                await Task.Yield();
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
            page = (page + 1) % PageSize;
        }
    }

    public async Task UploadAsync(string filePath, Func<CancellationToken, ValueTask<Stream>> openContent, long length, bool overwrite, CancellationToken cancellationToken = default)
    {
        _uploadsStarted.Enqueue(filePath);
        var now = Interlocked.Increment(ref _inFlight);
        UpdateMax(now);
        try
        {
            await _gate.Task.WaitAsync(cancellationToken);
            if (BeforeUpload is { } before)
            {
                await before(filePath);
            }

            if (_failures.TryGetValue(filePath, out var failure))
            {
                throw failure;
            }

            if (!overwrite && _files.ContainsKey(filePath))
            {
                throw new VolSyncException("VOLSYNC1999", $"{filePath} exists.");
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var content = await openContent(cancellationToken);
                    using var buffer = new MemoryStream();
                    await content.CopyToAsync(buffer, 81920, cancellationToken);
                    if (buffer.Length != length)
                    {
                        throw new InvalidOperationException($"Body of {filePath} had {buffer.Length} bytes, declared {length}.");
                    }

                    _files[filePath] = new StoredFile(buffer.ToArray(), DateTimeOffset.UtcNow);
                    return;
                }
                catch (Exception) when (attempt < AttemptsPerUpload && !cancellationToken.IsCancellationRequested)
                {
                    // A client would retry; the next attempt re-opens the content.
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void UpdateMax(int now)
    {
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
    }

    private static TaskCompletionSource CompletedGate()
    {
        var tcs = new TaskCompletionSource();
        tcs.SetResult();
        return tcs;
    }
}
