using System.Globalization;
using System.Net;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>The last failure of a request that is being retried; what is reported once the retries run out.</summary>
internal sealed class RetryableFailure
{
    private HttpStatusCode? _status;
    private string? _reasonPhrase;
    private ApiErrorBody? _body;
    private Exception? _exception;
    private bool _timedOut;
    private bool _afterFullBody;

    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>The HTTP status of a throttled answer; null when no answer came.</summary>
    public HttpStatusCode? Status => _status;

    /// <summary>A 429, the answer a storm is made of.</summary>
    public bool IsTooManyRequests => _status == HttpStatusCode.TooManyRequests;

    /// <summary>The exception of an attempt that got no answer.</summary>
    public Exception? Exception => _exception;

    /// <summary>Short, for retry events: <c>HTTP 429 Too Many Requests</c>, <c>Connection refused</c>, <c>no progress for 60 s</c>.</summary>
    public string Describe(TimeSpan inactivity)
    {
        if (_status is { } status)
        {
            var phrase = string.IsNullOrWhiteSpace(_reasonPhrase) ? string.Empty : " " + _reasonPhrase;
            return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status}{phrase}");
        }

        return _timedOut
            ? "no progress for " + DatabricksApiException.FormatDuration(inactivity)
            : DescribeTransportError(_exception);
    }

    public static RetryableFailure FromResponse(HttpStatusCode status, string? reasonPhrase, ApiErrorBody? body, TimeSpan? retryAfter) =>
        new() { _status = status, _reasonPhrase = reasonPhrase, _body = body, RetryAfter = retryAfter };

    public static RetryableFailure FromTimeout(Exception exception) => new() { _exception = exception, _timedOut = true };

    /// <param name="exception">What the transport threw.</param>
    /// <param name="afterFullBody">The whole request body had been sent when the connection was cut.</param>
    public static RetryableFailure FromConnection(Exception exception, bool afterFullBody = false) =>
        new() { _exception = exception, _afterFullBody = afterFullBody };

    /// <summary>The connection was cut after the server had received the whole request.</summary>
    public bool AfterFullBody => _afterFullBody;

    /// <param name="request">The request that failed.</param>
    /// <param name="host">The workspace URL, named when it could not be reached.</param>
    /// <param name="budget">The retry budget that ran out.</param>
    /// <param name="inactivity">The inactivity timeout, named when the last attempt stalled.</param>
    /// <param name="spent">Time spent on all attempts.</param>
    /// <param name="attempts">How many attempts were made.</param>
    public DatabricksApiException ToException(ApiRequest request, string host, TimeSpan budget, TimeSpan inactivity, TimeSpan spent, int attempts)
    {
        var tried = string.Create(CultureInfo.InvariantCulture, $"{attempts} attempt{(attempts == 1 ? string.Empty : "s")} in {DatabricksApiException.FormatDuration(spent)}");
        if (_status is { } status)
        {
            var body = _body ?? new ApiErrorBody(null, null, null, null);
            var detail = DatabricksApiException.DescribeResponse(status, _reasonPhrase, body);
            var message = DiagnosticCodes.RemoteThrottled.Format(request.Operation, request.Path, detail, DatabricksApiException.FormatDuration(budget));
            return new DatabricksApiException(DiagnosticCodes.RemoteThrottled.Code, message, request.Operation, request.Path, status, body.ErrorCode, body.Reason, body.RequestId);
        }

        if (_timedOut)
        {
            var message = DiagnosticCodes.RemoteTimeout.Format(request.Operation, request.Path, DatabricksApiException.FormatDuration(inactivity), tried);
            return new DatabricksApiException(DiagnosticCodes.RemoteTimeout.Code, message, request.Operation, request.Path, innerException: _exception);
        }

        if (_afterFullBody)
        {
            var closed = DiagnosticCodes.RemoteClosedAfterRequest.Format(request.Operation, request.Path, tried, host);
            return new DatabricksApiException(DiagnosticCodes.RemoteClosedAfterRequest.Code, closed, request.Operation, request.Path, innerException: _exception);
        }

        var unreachable = DiagnosticCodes.RemoteUnreachable.Format(request.Operation, request.Path, DescribeTransportError(_exception), host, tried);
        return new DatabricksApiException(DiagnosticCodes.RemoteUnreachable.Code, unreachable, request.Operation, request.Path, innerException: _exception);
    }

    internal static string DescribeTransportError(Exception? exception)
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
