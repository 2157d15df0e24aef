using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

// The one retrying send loop every operation goes through.
public sealed partial class DatabricksClient
{
    private const int MaxErrorBodyChars = 64 * 1024;

    private async Task<HttpResponseMessage> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // Time spent is at least what was slept, even when tests replace the sleep with a no-op.
        var slept = TimeSpan.Zero;
        var cutsAfterFullBody = 0;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var attemptContext = new AttemptContext(attemptCts, _options.InactivityTimeout);
            attemptContext.Touch();

            // Opening the content (the local file) is outside the transport error handling: local failures are not retried.
            using var message = await CreateMessageAsync(request, attemptContext).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            RetryableFailure failure;
            try
            {
                var response = await _http.SendAsync(message, request.Completion, attemptCts.Token).ConfigureAwait(false);
                LogExchange(request, (int)response.StatusCode, started, attempt);
                if (response.IsSuccessStatusCode || request.AcceptStatus == response.StatusCode)
                {
                    return response;
                }

                using (response)
                {
                    // Servers and proxies do quote requests back: the credentials just sent never reach a message.
                    var body = Redaction.ScrubCredentials(await ReadErrorBodyAsync(response, attemptCts.Token).ConfigureAwait(false), message);
                    var reasonHeader = DatabricksReasonPhrase(response) is { } header ? Redaction.ScrubCredentials(header, message) : null;
                    var parsed = ErrorResponseParser.Parse(body, response.ReasonPhrase, reasonHeader);
                    if (!ErrorClassifier.Classify(response.StatusCode, parsed).Retryable)
                    {
                        throw DatabricksApiException.FromResponse(request.Operation, request.Path, response.StatusCode, response.ReasonPhrase, parsed, _credentials, _baseUrl, _retry.Budget);
                    }

                    var retryAfter = RetryPolicy.ParseRetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
                    failure = RetryableFailure.FromResponse(response.StatusCode, response.ReasonPhrase, parsed, retryAfter);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex) when (attemptCts.IsCancellationRequested)
            {
                LogFailure(request, "timed out", started, attempt);
                failure = RetryableFailure.FromTimeout(ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                RethrowSourceFailure(ex);
                LogFailure(request, ex.Message, started, attempt);
                failure = RetryableFailure.FromConnection(ex, afterFullBody: message.Content is StreamingUploadContent { SentAll: true });
                if (ErrorClassifier.IsPermanentTransportFailure(ex)
                    || (failure.AfterFullBody && ++cutsAfterFullBody >= ErrorClassifier.MaxAttemptsCutAfterFullBody))
                {
                    // A host that does not resolve or a certificate that does not validate will not heal by waiting,
                    // and a server that takes the whole body and then hangs up keeps doing so.
                    throw Exhausted(failure, request, Spent(clock, slept), attempt);
                }
            }

            var delay = _retry.ComputeDelay(attempt, failure.RetryAfter);
            var spent = Spent(clock, slept);
            if (!_retry.FitsBudget(spent, delay))
            {
                throw Exhausted(failure, request, spent, attempt);
            }

            _logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.LoggedPathAndQuery}: retrying in {delay.TotalMilliseconds:0} ms (attempt {attempt + 1})"));
            await _retry.Delay(delay, cancellationToken).ConfigureAwait(false);
            slept += delay;
        }
    }

    private async ValueTask<HttpRequestMessage> CreateMessageAsync(ApiRequest request, AttemptContext attempt)
    {
        var message = new HttpRequestMessage(request.Method, BuildUri(request.PathAndQuery));
        try
        {
            message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            if (request.Accept is not null)
            {
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Accept));
            }

            if (_options.WorkspaceId is { Length: > 0 } workspaceId)
            {
                message.Headers.TryAddWithoutValidation("X-Databricks-Workspace-Id", workspaceId);
            }

            var authorization = await _credentials.GetAuthorizationHeaderAsync(attempt.Token).ConfigureAwait(false);
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
            foreach (var (name, value) in await _credentials.GetAdditionalHeadersAsync(attempt.Token).ConfigureAwait(false))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
            if (request.CreateContent is not null)
            {
                message.Content = await request.CreateContent(attempt).ConfigureAwait(false);
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private DatabricksApiException Exhausted(RetryableFailure failure, ApiRequest request, TimeSpan spent, int attempts) =>
        failure.ToException(request, _baseUrl, _retry.Budget, _options.InactivityTimeout, spent, attempts);

    private static TimeSpan Spent(Stopwatch clock, TimeSpan slept) => clock.Elapsed > slept ? clock.Elapsed : slept;

    private static string? DatabricksReasonPhrase(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Databricks-Reason-Phrase", out var values) ? values.FirstOrDefault() : null;

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length <= MaxErrorBodyChars ? text : text[..MaxErrorBodyChars];
    }

    /// <summary>A failure of the local source surfaces as what it is, not as a network failure.</summary>
    private static void RethrowSourceFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SourceReadException { InnerException: { } local })
            {
                ExceptionDispatchInfo.Capture(local).Throw();
            }
        }
    }

    private void LogExchange(ApiRequest request, int status, long started, int attempt) =>
        _logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.LoggedPathAndQuery} → {status} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (attempt {attempt})"));

    private void LogFailure(ApiRequest request, string what, long started, int attempt) =>
        _logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.LoggedPathAndQuery} → {what} after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (attempt {attempt})"));
}
