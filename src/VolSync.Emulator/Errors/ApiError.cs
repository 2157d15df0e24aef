using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace VolSync.Emulator.Errors;

/// <summary>
/// An error answered in the real service's standard shape:
/// <c>{"error_code","message","details":[ErrorInfo, RequestInfo]}</c>; or, for the authentication front door in
/// front of every API, in its older shape: a numeric <c>error_code</c> equal to the status, no <c>details</c>, and the
/// message repeated in the <c>X-Databricks-Reason-Phrase</c> header (recorded in databricks-sdk-go issues #873, #917).
/// </summary>
internal sealed class ApiError : Exception
{
    public const string FilesDomain = "filesystem.databricks.com";
    public const string CatalogDomain = "unity-catalog.databricks.com";

    /// <summary>The header the front door repeats its message in.</summary>
    public const string ReasonPhraseHeader = "X-Databricks-Reason-Phrase";

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

    /// <summary>Answered by the authentication front door: numeric <c>error_code</c>, no details, reason-phrase header.</summary>
    public bool IsFrontDoor { get; private init; }

    public static ApiError NotFound(string message, string reason, string domain = FilesDomain) =>
        new(StatusCodes.Status404NotFound, "NOT_FOUND", message, reason, domain);

    public static ApiError AlreadyExists(string message, string reason, string domain = FilesDomain) =>
        new(StatusCodes.Status409Conflict, "ALREADY_EXISTS", message, reason, domain);

    public static ApiError InvalidParameter(string message, string? reason = null, string domain = FilesDomain) =>
        new(StatusCodes.Status400BadRequest, "INVALID_PARAMETER_VALUE", message, reason, domain);

    public static ApiError PermissionDenied(string message) =>
        new(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", message, "FILES_API_PERMISSION_DENIED", FilesDomain);

    /// <summary>A token the workspace does not know or that has expired: 403, not 401, on real workspaces.</summary>
    public static ApiError InvalidAccessToken() => FrontDoor(StatusCodes.Status403Forbidden, "Invalid access token.");

    /// <summary>No <c>Authorization</c> header, or one that is not a bearer token.</summary>
    public static ApiError CredentialNotSent() =>
        FrontDoor(StatusCodes.Status401Unauthorized, "Credential was not sent or was of an unsupported type for this API.");

    private static ApiError FrontDoor(int status, string message) =>
        new(status, status.ToString(CultureInfo.InvariantCulture), message) { IsFrontDoor = true };

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

    public ApiError WithMessage(string message) => new(Status, ErrorCode, message, Reason, Domain) { IsFrontDoor = IsFrontDoor };

    /// <summary>Writes this error as the response; HEAD answers carry the status only.</summary>
    public async Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        if (IsFrontDoor)
        {
            response.Headers[ReasonPhraseHeader] = Message;
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        response.ContentType = IsFrontDoor ? "application/json; charset=utf-8" : "application/json";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (IsFrontDoor)
            {
                json.WriteNumber("error_code", Status);
                json.WriteString("message", Message);
            }
            else
            {
                WriteStandardFields(json);
            }

            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    private void WriteStandardFields(Utf8JsonWriter json)
    {
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
    }
}
