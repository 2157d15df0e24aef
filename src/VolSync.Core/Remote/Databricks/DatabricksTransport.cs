using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// The HTTP path every request of a run takes: one connection pool, one <see cref="HostLimiter"/> per host (so a
/// 429 slows every request to that host, not just its own), and the one retry loop with back-off, <c>Retry-After</c>
/// and the retry budget. Create one per run and share it: pass it to <see cref="DatabricksClient"/> and its
/// <see cref="AuthHandler"/> to <see cref="Auth.AuthSettings.HttpHandler"/>, so token requests queue, back off and
/// retry with the API calls. A client created without one gets its own.
/// </summary>
public sealed class DatabricksTransport : IDisposable
{
    private readonly ConcurrentDictionary<string, HostLimiter> _limiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpMessageHandler _handler;
    private readonly bool _ownsHandler;

    public DatabricksTransport(DatabricksClientOptions? options = null)
    {
        Options = options ?? new DatabricksClientOptions();
        Logger = Options.Logger ?? NullSyncLogger.Instance;
        Retry = new RetryPolicy(Options.RetryBudget, Options.RetryBaseDelay, Options.RetryMaxDelay, delay: Options.RetryDelay);
        _ownsHandler = Options.Handler is null;
        _handler = Options.Handler ?? CreateDefaultHandler();
        // Large uploads must not be killed by a fixed deadline: each attempt has its own inactivity timer instead.
        Http = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        Invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        AuthHandler = new AuthRetryHandler(this);
    }

    public DatabricksClientOptions Options { get; }

    /// <summary>
    /// For <see cref="Auth.AuthSettings.HttpHandler"/>: OAuth discovery, token and OIDC requests through this
    /// transport's limiter and retries (429, 503, connection failures). Never disposed by its users.
    /// </summary>
    public HttpMessageHandler AuthHandler { get; }

    internal ISyncLogger Logger { get; }

    internal RetryPolicy Retry { get; }

    /// <summary>Sends messages built afresh for every attempt (it buffers the response content when asked to).</summary>
    internal HttpClient Http { get; }

    /// <summary>Sends one message several times (HttpClient refuses that), for requests made by others.</summary>
    internal HttpMessageInvoker Invoker { get; }

    /// <summary>The limiter of <paramref name="url"/>'s host (scheme, host and port), created on first use.</summary>
    internal HostLimiter LimiterFor(Uri url)
    {
        var key = url.GetLeftPart(UriPartial.Authority);
        return _limiters.GetOrAdd(key, k => new HostLimiter(k, Options.Concurrency, Options.PauseDelay ?? Retry.Delay));
    }

    public void Dispose()
    {
        Http.Dispose();
        Invoker.Dispose();
        AuthHandler.Dispose();
        if (_ownsHandler)
        {
            _handler.Dispose();
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> until it gets a final answer, the budget is spent, or the host proves dead.
    /// Each attempt waits for a slot of the host's limiter and gives it back as soon as its answer is in, before
    /// any back-off; with <paramref name="holdSlot"/> the slot of the final answer is handed to the caller instead
    /// (a download keeps it until its body is read).
    /// </summary>
    internal async Task<(HttpResponseMessage Response, RequestSlot? Slot)> SendAsync(HostLimiter limiter, TransportRequest request, bool holdSlot, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // Time spent is at least what was slept, even when tests replace the sleep with a no-op.
        var slept = TimeSpan.Zero;
        var budget = request.BudgetCap is { } cap && cap < Retry.Budget ? cap : Retry.Budget;
        var cutsAfterFullBody = 0;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var context = new AttemptContext(attemptCts, Options.InactivityTimeout);

            // Opening the content (the local file) and getting credentials are outside the transport error
            // handling (local failures are not retried) and come before the slot (a token request needs one too).
            var message = await request.CreateMessageAsync(context).ConfigureAwait(false);
            RetryableFailure failure;
            var storm = false;
            try
            {
                var slot = await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
                var handedOver = false;
                try
                {
                    context.Touch();
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var response = await request.SendOnceAsync(message, attemptCts.Token).ConfigureAwait(false);
                        var latency = LatencySample(message, started);
                        LogExchange(request, (int)response.StatusCode, started, attempt);
                        RetryableFailure? retryable;
                        try
                        {
                            retryable = await request.JudgeAsync(response, attemptCts.Token).ConfigureAwait(false);
                        }
                        catch (Exception ex)
                        {
                            response.Dispose();
                            if (ex is not (OperationCanceledException or HttpRequestException or IOException))
                            {
                                // An error answer that waiting will not change: the host is fine, the request is not.
                                // (A body cut while it was read is no answer: it is retried below.)
                                slot.Answered(latency);
                            }

                            throw;
                        }

                        if (retryable is null)
                        {
                            slot.Answered(latency);
                            handedOver = holdSlot;
                            return (response, holdSlot ? slot : null);
                        }

                        response.Dispose();
                        failure = retryable;
                        storm = slot.Throttled(retryable.IsTooManyRequests);
                        // An answer in between: the server is not simply hanging up on this request.
                        cutsAfterFullBody = 0;
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (OperationCanceledException ex) when (attemptCts.IsCancellationRequested)
                    {
                        LogFailure(request, "timed out", started, attempt);
                        failure = RetryableFailure.FromTimeout(ex);
                        slot.ConnectionFailed(beforeAnyByte: false);
                        cutsAfterFullBody = 0;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException)
                    {
                        request.InspectTransportFailure(ex);
                        LogFailure(request, ex.Message, started, attempt);
                        failure = RetryableFailure.FromConnection(ex, afterFullBody: message.Content is StreamingUploadContent { SentAll: true });
                        if (slot.ConnectionFailed(ErrorClassifier.IsConnectFailure(ex)))
                        {
                            var (refusals, within) = limiter.FastFailures;
                            throw request.Unreachable(failure, refusals, within);
                        }

                        cutsAfterFullBody = failure.AfterFullBody ? cutsAfterFullBody + 1 : 0;
                        if (ErrorClassifier.IsPermanentTransportFailure(ex)
                            || cutsAfterFullBody >= ErrorClassifier.MaxAttemptsCutAfterFullBody)
                        {
                            // A host that does not resolve or a certificate that does not validate will not heal by waiting,
                            // and a server that takes the whole body and then hangs up keeps doing so, every time: cuts
                            // in a row, since with random faults (or a flaky proxy) cuts come mixed with other answers.
                            throw request.GiveUp(failure, Spent(clock, slept), attempt);
                        }
                    }
                }
                finally
                {
                    if (!handedOver)
                    {
                        slot.Dispose();
                    }
                }
            }
            finally
            {
                if (request.OwnsMessages)
                {
                    message.Dispose();
                }
            }

            // One back-off for the host: it grows with the failures in a row of every request to it, so a request
            // that was unlucky while the others get through does not sit out a delay meant for an outage.
            var delay = Retry.ComputeDelay(Math.Clamp(limiter.FailureStreak, 1, attempt), failure.RetryAfter);
            var spent = Spent(clock, slept);
            // The budget bounds this request and also the host's outage as a whole: once the host has given no
            // useful answer for that long, every request stops at once instead of each spending a budget of its own.
            var outage = limiter.Outage;
            if (!RetryPolicy.FitsBudget(spent > outage ? spent : outage, delay, budget))
            {
                throw request.GiveUp(failure, spent, attempt);
            }

            if (storm)
            {
                limiter.Pause(delay);
            }

            Logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{request.LogTarget}: retrying in {delay.TotalMilliseconds:0} ms (attempt {attempt + 1}){(storm ? "; most recent answers were 429, every request to " + limiter.Host + " waits as long" : string.Empty)}"));
            Options.OnRetry?.Invoke(new RequestRetry(request.Operation, request.Path, attempt + 1, delay, failure.Describe(Options.InactivityTimeout), storm));
            await Retry.Delay(delay, cancellationToken).ConfigureAwait(false);
            slept += delay;
        }
    }

    private static TimeSpan Spent(Stopwatch clock, TimeSpan slept) => clock.Elapsed > slept ? clock.Elapsed : slept;

    /// <summary>Time to the answer's headers, unless the request had a body large enough to dominate it.</summary>
    private static TimeSpan? LatencySample(HttpRequestMessage message, long started) =>
        message.Content?.Headers.ContentLength is > LatencyTrend.MaxBodyBytes ? null : Stopwatch.GetElapsedTime(started);

    private void LogExchange(TransportRequest request, int status, long started, int attempt) =>
        Logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{request.LogTarget} → {status} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (attempt {attempt})"));

    private void LogFailure(TransportRequest request, string what, long started, int attempt) =>
        Logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{request.LogTarget} → {what} after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (attempt {attempt})"));

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // The host limiters cap requests in flight (at most 64 per host); the pool must never be the bottleneck.
        MaxConnectionsPerServer = ConcurrencyLimit.FixedMax + 8,
        // Re-resolve DNS now and then: workspaces sit behind load balancers whose addresses change.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        // A redirect would either drop the Authorization header or send it somewhere unexpected.
        AllowAutoRedirect = false,
        UseCookies = false,
    };
}
