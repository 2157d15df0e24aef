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
    /// Classifies a parsed error body. The authentication front door in front of every API answers in its own shape:
    /// a numeric <c>error_code</c> that only repeats the status, and a message that says what happened. Real workspaces
    /// answer a dead token with 403 <c>Invalid access token.</c> (databricks-sdk-go issues #873, #917), so without
    /// reading the message it would pass for a missing grant and get the wrong advice.
    /// </summary>
    public static ApiErrorClass Classify(HttpStatusCode status, ApiErrorBody body)
    {
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && body.Message is { } message)
        {
            if (StartsWithAny(message, InvalidTokenMessages))
            {
                return new ApiErrorClass(ApiErrorKind.InvalidToken, Retryable: false);
            }

            if (status == HttpStatusCode.Unauthorized && StartsWithAny(message, CredentialNotSentMessages))
            {
                return new ApiErrorClass(ApiErrorKind.CredentialNotSent, Retryable: false);
            }
        }

        return Classify(status, body.ErrorCode);
    }

    /// <summary>
    /// A connection cut after the whole request body was sent this many times in a row (no other answer, timeout or
    /// cut in between) ends the request, not the whole budget: the server most likely received it and failed (a name it cannot store), and will fail again. Not fewer:
    /// a small body fits in the socket buffers, so a cut mid-body can look the same to the client.
    /// </summary>
    public const int MaxAttemptsCutAfterFullBody = 5;

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

    // What the front door says, as recorded from real workspaces; a " [ReqId: ...]" suffix may follow.
    private static readonly string[] InvalidTokenMessages = ["Invalid access token", "JWT has expired"];
    private static readonly string[] CredentialNotSentMessages = ["Credential was not sent or was of an unsupported type"];

    private static bool StartsWithAny(string message, string[] prefixes) =>
        prefixes.Any(prefix => message.TrimStart().StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

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
