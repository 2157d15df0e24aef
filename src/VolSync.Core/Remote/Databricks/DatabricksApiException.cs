using System.Globalization;
using System.Net;
using System.Text;
using VolSync.Auth;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// A Databricks request that failed for good (after retries where they apply). The message names the operation,
/// the remote path and what the server said, and what to do; it never contains a credential or a header.
/// </summary>
public sealed class DatabricksApiException : VolSyncException
{
    public DatabricksApiException(
        string code,
        string message,
        string operation,
        string path,
        HttpStatusCode? statusCode = null,
        string? errorCode = null,
        string? reason = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(code, message, innerException)
    {
        Operation = operation;
        Path = path;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Reason = reason;
        RequestId = requestId;
    }

    /// <summary>What was attempted, e.g. <c>upload</c>, <c>list directory</c>, <c>create volume</c>.</summary>
    public string Operation { get; }

    /// <summary>The remote path or Unity Catalog name the operation was about (unescaped).</summary>
    public string Path { get; }

    /// <summary>The HTTP status, or null when no response came (connection failure, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The Databricks <c>error_code</c>, e.g. <c>RESOURCE_DOES_NOT_EXIST</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The <c>ErrorInfo</c> reason, e.g. <c>FILES_API_DIRECTORY_IS_NOT_EMPTY</c>.</summary>
    public string? Reason { get; }

    /// <summary>The server's request id, for support tickets.</summary>
    public string? RequestId { get; }

    internal static DatabricksApiException FromResponse(
        string operation,
        string path,
        HttpStatusCode status,
        string? reasonPhrase,
        ApiErrorBody body,
        IDatabricksCredentials credentials,
        string host,
        TimeSpan retryBudget)
    {
        var detail = DescribeResponse(status, reasonPhrase, body);
        var descriptor = ErrorClassifier.Classify(status, body).Kind switch
        {
            ApiErrorKind.Unauthenticated => DiagnosticCodes.RemoteAuthenticationFailed,
            ApiErrorKind.InvalidToken => DiagnosticCodes.RemoteInvalidToken,
            ApiErrorKind.CredentialNotSent => DiagnosticCodes.RemoteCredentialNotSent,
            ApiErrorKind.PermissionDenied => DiagnosticCodes.RemotePermissionDenied,
            ApiErrorKind.NotFound => DiagnosticCodes.RemoteNotFound,
            ApiErrorKind.Conflict => DiagnosticCodes.RemoteConflict,
            ApiErrorKind.Throttled => DiagnosticCodes.RemoteThrottled,
            ApiErrorKind.ServerError => DiagnosticCodes.RemoteServerError,
            _ => DiagnosticCodes.RemoteBadRequest,
        };
        var message = descriptor.Format(
            operation, path, detail, descriptor == DiagnosticCodes.RemoteThrottled ? FormatDuration(retryBudget) : credentials.Identity, host, CredentialRenewal.Advice(credentials, host));
        return new DatabricksApiException(descriptor.Code, message, operation, path, status, body.ErrorCode, body.Reason, body.RequestId);
    }

    internal static string DescribeResponse(HttpStatusCode status, string? reasonPhrase, ApiErrorBody body)
    {
        var builder = new StringBuilder();
        builder.Append("HTTP ").Append(((int)status).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(reasonPhrase))
        {
            builder.Append(' ').Append(reasonPhrase);
        }

        // The front door's numeric error_code only repeats the status.
        if (body.ErrorCode is not null && !string.Equals(body.ErrorCode, reasonPhrase, StringComparison.Ordinal)
            && !string.Equals(body.ErrorCode, ((int)status).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            builder.Append(", ").Append(body.ErrorCode);
        }

        if (body.Message is not null && !string.Equals(body.Message, reasonPhrase, StringComparison.Ordinal))
        {
            builder.Append(": ").Append(body.Message);
        }

        if (body.Reason is not null)
        {
            builder.Append(" [").Append(body.Reason).Append(']');
        }

        if (body.RequestId is not null)
        {
            builder.Append(" (request id ").Append(body.RequestId).Append(')');
        }

        return builder.ToString();
    }

    internal static string FormatDuration(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
            : duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
