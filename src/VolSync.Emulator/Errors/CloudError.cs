using System.Net;
using System.Text;

namespace VolSync.Emulator.Errors;

/// <summary>An error of the stand-in cloud storage, answered as S3 (and the GCS XML API) do: <c>&lt;Error&gt;&lt;Code&gt;…</c>.</summary>
internal sealed class CloudError(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static CloudError Expired() => new(StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired");

    public static CloudError Forbidden() => new(StatusCodes.Status403Forbidden, "AccessDenied", "Access Denied");

    public static CloudError SignatureMismatch() =>
        new(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");

    public static CloudError NoSuchUpload() =>
        new(StatusCodes.Status404NotFound, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");

    public static CloudError MissingContentLength() =>
        new(StatusCodes.Status411LengthRequired, "MissingContentLength", "You must provide the Content-Length HTTP header.");

    public static CloudError InvalidRequest(string message) => new(StatusCodes.Status400BadRequest, "InvalidRequest", message);

    public static CloudError FromFault(FaultKind kind) => kind switch
    {
        FaultKind.ExpiredUrl => Expired(),
        FaultKind.Forbidden => Forbidden(),
        FaultKind.Status429 => new(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Injected: please reduce your request rate."),
        FaultKind.Status503 => new(StatusCodes.Status503ServiceUnavailable, "SlowDown", "Injected: please reduce your request rate."),
        FaultKind.Status502 => new(StatusCodes.Status502BadGateway, "BadGateway", "Injected bad gateway."),
        FaultKind.Status504 => new(StatusCodes.Status504GatewayTimeout, "GatewayTimeout", "Injected gateway timeout."),
        _ => new(StatusCodes.Status500InternalServerError, "InternalError", "Injected: we encountered an internal error. Please try again."),
    };

    public async Task WriteAsync(HttpContext context)
    {
        var body = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + WebUtility.HtmlEncode(Code) + "</Code><Message>" + WebUtility.HtmlEncode(Message)
            + "</Message><RequestId>" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant() + "</RequestId></Error>");
        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
