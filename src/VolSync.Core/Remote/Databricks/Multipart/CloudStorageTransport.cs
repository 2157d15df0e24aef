using System.Diagnostics;
using System.Globalization;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// One request to a presigned cloud-storage URL. It carries no Databricks credentials and no workspace headers:
/// the URL's signature is the authorisation, and the cloud is another host. Each attempt has an inactivity timer
/// (a stalled transfer is cut) and may have a deadline (the straggler guard). Retrying is the caller's decision.
/// Each request holds a slot of <paramref name="budget"/>, the workspace's limiter, while it is in flight: parts
/// count against the sync's cap on requests in flight (SPEC §10), though their answers never move the workspace's
/// window (a slow bucket says nothing about the workspace).
/// </summary>
internal sealed class CloudStorageTransport(HttpClient http, HostLimiter budget, string userAgent, TimeSpan inactivity, ISyncLogger logger)
{
    private const int MaxErrorBodyChars = 16 * 1024;

    public TimeSpan Inactivity => inactivity;

    /// <param name="method">PUT for parts and chunks, DELETE for aborts.</param>
    /// <param name="url">The presigned URL and the headers the workspace asked for.</param>
    /// <param name="createContent">Builds the body for this attempt; it is given the timer's touch for progress.</param>
    /// <param name="what">For the debug log: <c>part 3</c>, <c>abort</c>.</param>
    /// <param name="deadline">Cut the attempt after this long whatever its progress (the straggler guard).</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public async Task<CloudResponse> SendAsync(HttpMethod method, PresignedUrl url, Func<Action, HttpContent>? createContent, string what, TimeSpan? deadline, CancellationToken cancellationToken)
    {
        // The slot first: neither the inactivity timer nor the straggler deadline may run while waiting for it.
        using var slot = await budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = new AttemptContext(attempt, inactivity);
        timer.Touch();
        using var straggler = deadline is { } limit ? new CancellationTokenSource(limit) : null;
        var cutAsStraggler = false;
        using var onDeadline = straggler?.Token.Register(() =>
        {
            cutAsStraggler = true;
            attempt.Cancel();
        });

        using var message = new HttpRequestMessage(method, url.Url);
        message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        message.Content = createContent?.Invoke(timer.Touch);
        foreach (var (name, value) in url.Headers)
        {
            AddHeader(message, name, value);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attempt.Token).ConfigureAwait(false);
            Log(method, url, what, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), started);
            var body = response.IsSuccessStatusCode ? string.Empty : await ReadBodyAsync(response, attempt.Token).ConfigureAwait(false);
            return new CloudResponse(
                response.StatusCode,
                response.ReasonPhrase,
                Header(response, "ETag"),
                Header(response, "Range"),
                body,
                RetryPolicy.ParseRetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var why = cutAsStraggler
                ? $"cut after {DatabricksApiException.FormatDuration(deadline!.Value)}, far slower than the other parts"
                : $"no progress for {DatabricksApiException.FormatDuration(inactivity)}";
            Log(method, url, what, why, started);
            throw new CloudTimeoutException(why, cutAsStraggler, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            Log(method, url, what, ex.Message, started);
            throw;
        }
    }

    /// <summary>Headers the workspace returned go where HttpClient wants them: request or content headers.</summary>
    private static void AddHeader(HttpRequestMessage message, string name, string value)
    {
        if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
        {
            // Set by HttpClient from the body and the URL; a second value would break the request.
            return;
        }

        if (message.Headers.TryAddWithoutValidation(name, value))
        {
            return;
        }

        if (message.Content is { } content)
        {
            content.Headers.Remove(name);
            content.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>Exactly as sent (an ETag keeps its quotes); null when absent.</summary>
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length <= MaxErrorBodyChars ? text : text[..MaxErrorBodyChars];
    }

    private void Log(HttpMethod method, PresignedUrl url, string what, string outcome, long started) =>
        logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{method} {url.Display}/… ({what}) → {outcome} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms"));
}
