using System.Text;

namespace VolSync.Diagnostics;

/// <summary>
/// The one place that keeps credentials out of text users see. Two rules: a URL is shown without its user name and
/// password, and text that came from elsewhere (a server's error body, a CLI's stderr) is scrubbed of the
/// credentials we hold or just sent, because servers and proxies do quote requests back.
/// </summary>
internal static class Redaction
{
    public const string Mask = "***";

    /// <summary>The headers of a Databricks request whose values are credentials.</summary>
    private static readonly string[] s_credentialHeaders = ["Authorization", Auth.Azure.AzureCredentials.ManagementTokenHeader];

    /// <summary>Replaces every occurrence of each secret by <c>***</c>, longest first so a secret inside another is not left half-shown.</summary>
    public static string Scrub(string text, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s!.Length))
        {
            text = text.Replace(secret!, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// Scrubs the credentials <paramref name="request"/> carried from text its server answered: each credential header's
    /// whole value and, for <c>Scheme value</c> forms (<c>Bearer …</c>, <c>Basic …</c>), the value alone.
    /// </summary>
    public static string ScrubCredentials(string text, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secrets = new List<string>();
        foreach (var name in s_credentialHeaders)
        {
            if (request.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    secrets.AddRange(CredentialForms(value));
                }
            }
        }

        return Scrub(text, secrets);
    }

    /// <summary>An Authorization-style value and its parameter alone: <c>Bearer x</c> gives <c>Bearer x</c> and <c>x</c>.</summary>
    public static IEnumerable<string> CredentialForms(string headerValue)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        yield return headerValue;
        var space = headerValue.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && space < headerValue.Length - 1)
        {
            yield return headerValue[(space + 1)..].Trim();
        }
    }

    /// <summary>A URL as it may be shown: scheme, host, port and path; never the user info, query or fragment.</summary>
    public static string Url(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri
            ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : RedactUserInfo(url.OriginalString);
    }

    /// <summary>
    /// Masks the user-info part of every URL in free text (<c>https://user:pw@host</c> becomes
    /// <c>https://***@host</c>), including a scheme-less <c>user:pw@host</c> at the start, as users type hosts.
    /// </summary>
    public static string RedactUserInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var scheme = text.IndexOf("://", position, StringComparison.Ordinal);
            var authorityStart = scheme < 0 ? (position == 0 ? 0 : -1) : scheme + 3;
            if (authorityStart < 0)
            {
                break;
            }

            var authorityEnd = authorityStart;
            while (authorityEnd < text.Length && text[authorityEnd] is not ('/' or '?' or '#') && !char.IsWhiteSpace(text[authorityEnd]) && text[authorityEnd] is not ('\'' or '"'))
            {
                authorityEnd++;
            }

            var at = authorityEnd > authorityStart ? text.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) : -1;
            result.Append(text, position, authorityStart - position);
            if (at >= authorityStart)
            {
                result.Append(Mask).Append(text, at, authorityEnd - at);
            }
            else
            {
                result.Append(text, authorityStart, authorityEnd - authorityStart);
            }

            position = authorityEnd;
            if (scheme < 0)
            {
                // The scheme-less form only applies at the very start of the text.
                break;
            }
        }

        return result.Append(text, position, text.Length - position).ToString();
    }
}
