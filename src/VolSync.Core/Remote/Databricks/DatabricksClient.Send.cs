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
                    var parsed = ErrorResponseParser.Parse(body, response.ReasonPhrase);
                    if (!IsRetryable(response.StatusCode, parsed.ErrorCode))
                    {
                        throw DatabricksApiException.FromResponse(request.Operation, request.Path, response.StatusCode, response.ReasonPhrase, parsed, _credentials.Identity, _baseUrl, _retry.Budget);
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
                failure = RetryableFailure.FromConnection(ex);
                if (IsPermanentTransportFailure(ex))
                {
                    // A host that does not resolve or a certificate that does not validate will not heal by waiting.
                    throw failure.ToException(request, this, Spent(clock, slept), attempt);
                }
            }

            var delay = _retry.ComputeDelay(attempt, failure.RetryAfter);
            var spent = Spent(clock, slept);
            if (!_retry.FitsBudget(spent, delay))
            {
                throw failure.ToException(request, this, spent, attempt);
            }

            _logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.PathAndQuery}: retrying in {delay.TotalMilliseconds:0} ms (attempt {attempt + 1})"));
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

    private static TimeSpan Spent(Stopwatch clock, TimeSpan slept) => clock.Elapsed > slept ? clock.Elapsed : slept;

    private static bool IsPermanentTransportFailure(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };

    private static bool IsRetryable(HttpStatusCode status, string? errorCode) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
        || errorCode is "REQUEST_LIMIT_EXCEEDED" or "RESOURCE_EXHAUSTED" or "TEMPORARILY_UNAVAILABLE";

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
        _logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.PathAndQuery} → {status} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (attempt {attempt})"));

    private void LogFailure(ApiRequest request, string what, long started, int attempt) =>
        _logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.PathAndQuery} → {what} after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (attempt {attempt})"));

    /// <summary>One logical request; every attempt builds a fresh message from it.</summary>
    private sealed class ApiRequest(string operation, string path, HttpMethod method, string pathAndQuery)
    {
        public string Operation { get; } = operation;

        /// <summary>The unescaped remote path or catalog name, for messages.</summary>
        public string Path { get; } = path;

        public HttpMethod Method { get; } = method;

        /// <summary>Already escaped, starting with <c>/api/</c>.</summary>
        public string PathAndQuery { get; } = pathAndQuery;

        public string? Accept { get; init; } = "application/json";

        /// <summary>A non-success status returned to the caller instead of thrown (e.g. 404 meaning "absent").</summary>
        public HttpStatusCode? AcceptStatus { get; init; }

        public HttpCompletionOption Completion { get; init; } = HttpCompletionOption.ResponseContentRead;

        /// <summary>Called once per attempt, so a stream body is re-opened for every try.</summary>
        public Func<AttemptContext, ValueTask<HttpContent>>? CreateContent { get; init; }
    }

    /// <summary>An attempt's cancellation: the caller's token plus an inactivity timer that progress pushes back.</summary>
    private sealed class AttemptContext(CancellationTokenSource source, TimeSpan inactivity)
    {
        public CancellationToken Token => source.Token;

        public void Touch()
        {
            if (inactivity <= TimeSpan.Zero || inactivity == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            try
            {
                source.CancelAfter(inactivity);
            }
            catch (ObjectDisposedException)
            {
                // The attempt is over; nothing left to time.
            }
        }
    }

    private sealed class RetryableFailure
    {
        private HttpStatusCode? _status;
        private string? _reasonPhrase;
        private ApiErrorBody? _body;
        private Exception? _exception;
        private bool _timedOut;

        public TimeSpan? RetryAfter { get; private set; }

        public static RetryableFailure FromResponse(HttpStatusCode status, string? reasonPhrase, ApiErrorBody body, TimeSpan? retryAfter) =>
            new() { _status = status, _reasonPhrase = reasonPhrase, _body = body, RetryAfter = retryAfter };

        public static RetryableFailure FromTimeout(Exception exception) => new() { _exception = exception, _timedOut = true };

        public static RetryableFailure FromConnection(Exception exception) => new() { _exception = exception };

        public DatabricksApiException ToException(ApiRequest request, DatabricksClient client, TimeSpan spent, int attempts)
        {
            var budget = DatabricksApiException.FormatDuration(client._retry.Budget);
            var tried = string.Create(CultureInfo.InvariantCulture, $"{attempts} attempt{(attempts == 1 ? string.Empty : "s")} in {DatabricksApiException.FormatDuration(spent)}");
            if (_status is { } status && _body is not null)
            {
                var detail = DatabricksApiException.DescribeResponse(status, _reasonPhrase, _body);
                var message = DiagnosticCodes.RemoteThrottled.Format(request.Operation, request.Path, detail, budget);
                return new DatabricksApiException(DiagnosticCodes.RemoteThrottled.Code, message, request.Operation, request.Path, status, _body.ErrorCode, _body.Reason, _body.RequestId);
            }

            if (_timedOut)
            {
                var inactivity = DatabricksApiException.FormatDuration(client._options.InactivityTimeout);
                var message = DiagnosticCodes.RemoteTimeout.Format(request.Operation, request.Path, inactivity, tried);
                return new DatabricksApiException(DiagnosticCodes.RemoteTimeout.Code, message, request.Operation, request.Path, innerException: _exception);
            }

            var unreachable = DiagnosticCodes.RemoteUnreachable.Format(request.Operation, request.Path, DescribeTransportError(_exception), client._baseUrl, tried);
            return new DatabricksApiException(DiagnosticCodes.RemoteUnreachable.Code, unreachable, request.Operation, request.Path, innerException: _exception);
        }

        private static string DescribeTransportError(Exception? exception)
        {
            // The innermost message is the useful one ("Connection refused", "Name or service not known").
            var innermost = exception;
            while (innermost?.InnerException is not null)
            {
                innermost = innermost.InnerException;
            }

            return innermost is null || ReferenceEquals(innermost, exception)
                ? exception?.Message ?? "connection failed"
                : $"{exception!.Message} {innermost.Message}";
        }
    }
}
