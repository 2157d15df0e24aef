using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace VolSync.Emulator.Errors;

/// <summary>
/// An error answered in the real service's standard shape:
/// <c>{"error_code","message","details":[ErrorInfo, RequestInfo]}</c>.
/// </summary>
internal sealed class ApiError : Exception
{
    public const string FilesDomain = "filesystem.databricks.com";
    public const string CatalogDomain = "unity-catalog.databricks.com";

    public ApiError(int status, string errorCode, string message, string? reason = null, string? domain = null)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
        Reason = reason;
        Domain = domain;
    }

    public int Status { get; }
    public string ErrorCode { get; }
    public string? Reason { get; }
    public string? Domain { get; }

    public static ApiError NotFound(string message, string reason, string domain = FilesDomain) =>
        new(StatusCodes.Status404NotFound, "NOT_FOUND", message, reason, domain);

    public static ApiError AlreadyExists(string message, string reason, string domain = FilesDomain) =>
        new(StatusCodes.Status409Conflict, "ALREADY_EXISTS", message, reason, domain);

    public static ApiError InvalidParameter(string message, string? reason = null, string domain = FilesDomain) =>
        new(StatusCodes.Status400BadRequest, "INVALID_PARAMETER_VALUE", message, reason, domain);

    public static ApiError PermissionDenied(string message) =>
        new(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", message, "FILES_API_PERMISSION_DENIED", FilesDomain);

    public static ApiError Unauthenticated(string message) =>
        new(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", message);

    public static ApiError RequestLimitExceeded() =>
        new(StatusCodes.Status429TooManyRequests, "REQUEST_LIMIT_EXCEEDED",
            "Too many requests. Please wait a moment and try again.");

    public static ApiError TemporarilyUnavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "TEMPORARILY_UNAVAILABLE",
            "The service is temporarily unavailable. Please try again later.");

    public static ApiError Internal(string message) =>
        new(StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", message);

    public static ApiError NotImplemented(string method, string path) =>
        new(StatusCodes.Status501NotImplemented, "NOT_IMPLEMENTED",
            string.Create(CultureInfo.InvariantCulture, $"No API found for '{method} {path}'"));

    public ApiError WithMessage(string message) => new(Status, ErrorCode, message, Reason, Domain);

    /// <summary>Writes this error as the response; HEAD answers carry the status only.</summary>
    public async Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("error_code", ErrorCode);
            json.WriteString("message", Message);
            json.WriteStartArray("details");
            if (Reason is not null)
            {
                json.WriteStartObject();
                json.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                json.WriteString("reason", Reason);
                json.WriteString("domain", Domain ?? FilesDomain);
                json.WriteStartObject("metadata");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteStartObject();
            json.WriteString("@type", "type.googleapis.com/google.rpc.RequestInfo");
            json.WriteString("request_id", Guid.NewGuid().ToString());
            json.WriteString("serving_data", string.Empty);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
