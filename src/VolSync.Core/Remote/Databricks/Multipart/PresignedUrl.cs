using System.Text.Json;
using VolSync.Auth;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// A cloud-storage URL the workspace signed for one operation (a part, an abort, a resumable session) and the
/// headers to send with it. The URL itself grants access, so it is never logged or put in a message whole.
/// </summary>
internal sealed record PresignedUrl(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, int PartNumber = 0)
{
    /// <summary>Scheme and host only, for logs and messages: the path and query carry the signature.</summary>
    public string Display => Url.GetLeftPart(UriPartial.Authority);

    /// <summary>Reads <c>{"url","headers":[{"name","value"}]}</c>; throws VOLSYNC1254 for a URL VolSync will not use.</summary>
    public static PresignedUrl Parse(JsonElement element, string filePath)
    {
        var text = Json.GetString(element, "url");
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            throw DiagnosticCodes.PresignedUrlRefused.ToException(filePath, "no absolute URL");
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && DatabricksHost.IsLoopback(url)))
        {
            throw DiagnosticCodes.PresignedUrlRefused.ToException(filePath, url.GetLeftPart(UriPartial.Authority));
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (element.TryGetProperty("headers", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var header in list.EnumerateArray())
            {
                if (Json.GetString(header, "name") is { Length: > 0 } name)
                {
                    headers.Add(new(name, Json.GetString(header, "value") ?? string.Empty));
                }
            }
        }

        return new PresignedUrl(url, headers, (int)(Json.GetInt64(element, "part_number") ?? 0));
    }
}
