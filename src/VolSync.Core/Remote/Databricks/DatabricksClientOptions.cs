using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>How a <see cref="DatabricksTransport"/> (and the clients over it) talks to the workspace.</summary>
public sealed class DatabricksClientOptions
{
    /// <summary>The transport; null means a SocketsHttpHandler tuned for many concurrent uploads. Tests pass their own.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Receives HTTP timing lines at <see cref="SyncLogLevel.Debug"/>. Never receives a credential.</summary>
    public ISyncLogger? Logger { get; init; }

    /// <summary>
    /// How long a run keeps retrying (429, 503, connection failures, timeouts): one request gives up after retrying
    /// this long, and every request gives up once its host has gone this long without a useful answer (so a host that
    /// dies mid-run ends the run once, not once per file). CLI <c>--timeout</c>, MSBuild <c>VolSyncRetryTimeoutSeconds</c>.
    /// </summary>
    public TimeSpan RetryBudget { get; init; } = SyncDefaults.RetryBudget;

    /// <summary>
    /// Requests in flight per host, for every request of the transport (listing, uploads, deletes, downloads, token
    /// requests): a fixed cap (default 5) that still backs off below itself on 429/503, or <see cref="ConcurrencyLimit.Auto"/>.
    /// </summary>
    public ConcurrencyLimit Concurrency { get; init; } = ConcurrencyLimit.Fixed(SyncDefaults.MaxConcurrentUploads);

    /// <summary>
    /// Told about every retry before its wait, from the thread that made the request; keep it quick and thread-safe.
    /// Hosts render it ("retrying (attempt 2, waiting 1.0 s) …"); never receives a credential.
    /// </summary>
    public Action<RequestRetry>? OnRetry { get; init; }

    /// <summary>A request with no progress for this long is abandoned and retried.</summary>
    public TimeSpan InactivityTimeout { get; init; } = SyncDefaults.InactivityTimeout;

    /// <summary>Entries per list page (the API caps it at 1000).</summary>
    public int ListPageSize { get; init; } = SyncDefaults.ListPageSize;

    /// <summary>Added to the User-Agent as <c>product/version</c> pairs, e.g. <c>volsync-cli/1.0.0</c>.</summary>
    public string? UserAgentExtra { get; init; }

    /// <summary>First backoff step between retries; it doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff step (a server's <c>Retry-After</c> may ask for longer and is honoured).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Sent as <c>X-Databricks-Workspace-Id</c> when known, as the Databricks SDKs do.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>
    /// Files of at least this many bytes go in parts when <c>UploadAsync</c> is called without
    /// <see cref="UploadOptions"/> (which carry their own threshold). Null: multipart off, every file one PUT.
    /// </summary>
    public long? MultipartThreshold { get; init; } = UploadOptions.DefaultMultipartThreshold;

    /// <summary>
    /// Preferred bytes per part: 16 MiB, grown so a file needs at most 10 000 parts; 5 MiB to 1 GiB, rounded up to
    /// 256 KiB. Each part in flight holds a buffer of this size.
    /// </summary>
    public long MultipartPartSize { get; init; } = Multipart.PartLayout.DefaultPartSize;

    /// <summary>Parts in flight for one file when the caller shares no <see cref="UploadSlots"/> (a sync shares its own).</summary>
    public int MultipartConcurrency { get; init; } = 4;

    /// <summary>Tries per part or chunk for timeouts, throttling, server errors and broken connections.</summary>
    internal int PartAttempts { get; init; } = 5;

    /// <summary>The shortest a part may take before the straggler guard may cut it.</summary>
    internal TimeSpan StragglerFloor { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Test hook: how many empty list pages in a row are followed before the listing counts as endless.</summary>
    internal int MaxEmptyPagesInARow { get; init; } = PaginationGuard.DefaultMaxEmptyPagesInARow;

    /// <summary>Test hook: replaces the sleep between retries.</summary>
    internal Func<TimeSpan, CancellationToken, Task>? RetryDelay { get; init; }

    /// <summary>Test hook: replaces the wait of a host paused by a storm of 429s (default: <see cref="RetryDelay"/>).</summary>
    internal Func<TimeSpan, CancellationToken, Task>? PauseDelay { get; init; }
}
