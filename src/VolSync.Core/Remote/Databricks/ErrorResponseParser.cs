using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VolSync.Remote.Databricks;

/// <summary>What an error response said, whatever shape its body had.</summary>
/// <param name="ErrorCode">E.g. <c>RESOURCE_DOES_NOT_EXIST</c>; null when the body carries none.</param>
/// <param name="Message">The human message, or the reason phrase when the body is empty.</param>
/// <param name="Reason">The <c>google.rpc.ErrorInfo</c> reason, e.g. <c>FILES_API_DIRECTORY_IS_NOT_EMPTY</c>.</param>
/// <param name="RequestId">The <c>google.rpc.RequestInfo</c> request id, for support tickets.</param>
internal sealed record ApiErrorBody(string? ErrorCode, string? Message, string? Reason, string? RequestId);

/// <summary>
/// Reads the error body shapes the Databricks SDKs know: the standard
/// <c>{"error_code","message","details"}</c>, the API 1.2 <c>{"error":..}</c>, SCIM <c>detail</c>/<c>status</c>,
/// plain text <c>CODE: message</c>, and HTML pages from proxies (<c>&lt;pre&gt;</c> or <c>&lt;title&gt;</c>).
/// <c>error_code</c> is read as text whether it is a string or, as the authentication front door sends it, a number
/// (<c>{"error_code":403,"message":"Invalid access token."}</c>).
/// </summary>
internal static partial class ErrorResponseParser
{
    private const int MaxMessageLength = 1000;

    /// <param name="body">The response body (may be empty, JSON, text or HTML).</param>
    /// <param name="reasonPhrase">The HTTP reason phrase, e.g. <c>Forbidden</c>.</param>
    /// <param name="databricksReasonPhrase">
    /// The <c>X-Databricks-Reason-Phrase</c> header, where the front door repeats its message (e.g.
    /// <c>Invalid access token.</c>); it is the message when the body carries none of its own (empty, HTML, no field).
    /// </param>
    public static ApiErrorBody Parse(string? body, string? reasonPhrase, string? databricksReasonPhrase = null)
    {
        var header = NullIfEmpty(databricksReasonPhrase) is { } phrase ? Clean(phrase) : null;
        var fallback = header ?? NullIfEmpty(reasonPhrase);
        var text = body?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new ApiErrorBody(null, fallback, null, null);
        }

        if (text[0] == '{' && TryParseJson(text, out var fromJson))
        {
            return fromJson with { Message = fromJson.Message ?? fallback };
        }

        if (text[0] == '<')
        {
            var html = PreRegex().Match(text) is { Success: true } pre ? pre : TitleRegex().Match(text);
            var message = html.Success ? Clean(WebUtility.HtmlDecode(html.Groups[1].Value)) : null;
            return new ApiErrorBody(NullIfEmpty(reasonPhrase), header ?? message ?? NullIfEmpty(reasonPhrase), null, null);
        }

        var coded = CodeColonMessageRegex().Match(text);
        if (coded.Success)
        {
            return new ApiErrorBody(coded.Groups[1].Value, Clean(coded.Groups[2].Value), null, null);
        }

        return new ApiErrorBody(null, Clean(text), null, null);
    }

    private static bool TryParseJson(string text, out ApiErrorBody result)
    {
        result = new ApiErrorBody(null, null, null, null);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var errorCode = GetString(root, "error_code");
            var message = GetString(root, "message");
            string? reason = null;
            string? requestId = null;

            if (root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                foreach (var detail in details.EnumerateArray())
                {
                    if (detail.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var type = GetString(detail, "@type") ?? string.Empty;
                    if (type.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
                    {
                        reason ??= GetString(detail, "reason");
                    }
                    else if (type.EndsWith("google.rpc.RequestInfo", StringComparison.Ordinal))
                    {
                        requestId ??= GetString(detail, "request_id");
                    }
                }
            }

            // API 1.2: {"error": "..."} or {"error": {"message": ...}}.
            if (message is null && root.TryGetProperty("error", out var error))
            {
                message = error.ValueKind switch
                {
                    JsonValueKind.String => error.GetString(),
                    JsonValueKind.Object => GetString(error, "message") ?? error.GetRawText(),
                    _ => null,
                };
                errorCode ??= error.ValueKind == JsonValueKind.Object ? GetString(error, "error_code") : null;
            }

            // SCIM: {"detail": "...", "status": "401", "scimType": "..."}.
            if (message is null && GetString(root, "detail") is { } scimDetail)
            {
                message = scimDetail;
                errorCode ??= GetString(root, "scimType");
            }

            result = new ApiErrorBody(NullIfEmpty(errorCode), message is null ? null : Clean(message), NullIfEmpty(reason), NullIfEmpty(requestId));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? GetString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Clean(string value)
    {
        var collapsed = WhitespaceRegex().Replace(value, " ").Trim();
        if (collapsed.Length == 0)
        {
            return null;
        }

        return collapsed.Length <= MaxMessageLength ? collapsed : collapsed[..MaxMessageLength] + "…";
    }

    [GeneratedRegex(@"<pre>(.*?)</pre>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PreRegex();

    [GeneratedRegex(@"<title>(.*?)</title>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitleRegex();

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]+):\s*(.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CodeColonMessageRegex();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRegex();
}
