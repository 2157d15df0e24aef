using System.Net;

namespace VolSync.Remote.Databricks;

/// <summary>
/// The one place that decides what a failed request means: the kind of an error response (which picks its
/// VOLSYNC code) and whether it is worth another attempt. The send loop and <see cref="DatabricksApiException"/>
/// both ask here, so "retried" and "reported as throttled" can never disagree.
/// </summary>
internal static class ErrorClassifier
{
    /// <summary>
    /// Like the SDKs, a known <c>error_code</c> wins over the status, with one exception: a throttling status
    /// (429, 503) or a throttling error code always means "back off and try again", whatever else the body says.
    /// </summary>
    public static ApiErrorClass Classify(HttpStatusCode status, string? errorCode)
    {
        if (IsThrottling(status, errorCode))
        {
            return new ApiErrorClass(ApiErrorKind.Throttled, Retryable: true);
        }

        var kind = KindOfErrorCode(errorCode) ?? KindOfStatus(status);
        return new ApiErrorClass(kind, Retryable: false);
    }

    /// <summary>
    /// A transport failure that waiting will not heal: a host name that does not resolve, or a certificate that
    /// does not validate. Every other connection failure (refused, reset, dropped mid-body) is retried.
    /// </summary>
    public static bool IsPermanentTransportFailure(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };

    /// <summary>
    /// The connection itself could not be made (refused, reset during connect, unreachable network): nothing of
    /// the request was sent. A host that does only this at the start of a run is not there.
    /// </summary>
    public static bool IsConnectFailure(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };

    private static bool IsThrottling(HttpStatusCode status, string? errorCode) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
        || errorCode is "REQUEST_LIMIT_EXCEEDED" or "RESOURCE_EXHAUSTED" or "TOO_MANY_REQUESTS" or "TEMPORARILY_UNAVAILABLE";

    private static ApiErrorKind? KindOfErrorCode(string? errorCode) => errorCode switch
    {
        "INVALID_STATE" or "INVALID_PARAMETER_VALUE" or "BAD_REQUEST" => ApiErrorKind.BadRequest,
        "UNAUTHENTICATED" => ApiErrorKind.Unauthenticated,
        "PERMISSION_DENIED" => ApiErrorKind.PermissionDenied,
        "RESOURCE_DOES_NOT_EXIST" or "NOT_FOUND" => ApiErrorKind.NotFound,
        "ABORTED" or "ALREADY_EXISTS" or "RESOURCE_ALREADY_EXISTS" or "RESOURCE_CONFLICT" => ApiErrorKind.Conflict,
        "UNKNOWN" or "DATA_LOSS" or "INTERNAL_ERROR" => ApiErrorKind.ServerError,
        _ => null,
    };

    private static ApiErrorKind KindOfStatus(HttpStatusCode status) => (int)status switch
    {
        401 => ApiErrorKind.Unauthenticated,
        403 => ApiErrorKind.PermissionDenied,
        404 => ApiErrorKind.NotFound,
        409 => ApiErrorKind.Conflict,
        >= 500 => ApiErrorKind.ServerError,
        _ => ApiErrorKind.BadRequest,
    };
}
