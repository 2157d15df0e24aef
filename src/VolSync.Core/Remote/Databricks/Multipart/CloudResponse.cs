using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace VolSync.Remote.Databricks.Multipart;

/// <summary>What a cloud-storage endpoint (S3, Azure Blob, GCS) answered to a presigned request.</summary>
internal sealed partial record CloudResponse(HttpStatusCode Status, string? ReasonPhrase, string? ETag, string? Range, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Worth another try on the same URL: timeouts, throttling and the server errors the SDKs retry.</summary>
    public bool IsRetryable => (int)Status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// The URL's signature has run out: AWS answers 403 <c>AccessDenied</c> "Request has expired", Azure 403
    /// <c>AuthenticationFailed</c> "Signature not valid in the specified time frame". A fresh URL fixes it.
    /// </summary>
    public bool IsExpiredUrl =>
        Status == HttpStatusCode.Forbidden
        && ((Element("Code") == "AccessDenied" && (Element("Message")?.Contains("Request has expired", StringComparison.OrdinalIgnoreCase) ?? false))
            || (Element("Code") == "AuthenticationFailed" && (Element("AuthenticationErrorDetail")?.Contains("Signature not valid in the specified time frame", StringComparison.OrdinalIgnoreCase) ?? false)));

    /// <summary>For messages: <c>HTTP 403 Forbidden, AccessDenied: Request has expired</c>.</summary>
    public string Describe()
    {
        var text = new StringBuilder("HTTP ").Append(((int)Status).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(ReasonPhrase))
        {
            text.Append(' ').Append(ReasonPhrase);
        }

        var code = Element("Code");
        var message = Element("Message") ?? Element("AuthenticationErrorDetail");
        if (code is not null)
        {
            text.Append(", ").Append(code);
        }

        if (message is not null)
        {
            text.Append(": ").Append(message.Length <= 300 ? message : message[..300] + "…");
        }

        return text.ToString();
    }

    /// <summary>The text of a top-level element of the XML error body S3, Azure and GCS send.</summary>
    private string? Element(string name)
    {
        var match = Regex.Match(Body, "<" + name + ">([^<]*)</" + name + ">", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;
    }
}
