using System.Net;
using VolSync.Diagnostics;

namespace VolSync.Auth;

/// <summary>
/// The one place that turns a user's spelling of a workspace host into the URL requests go to, and that refuses
/// hosts credentials must not be sent to.
/// </summary>
public static class DatabricksHost
{
    /// <summary>
    /// Normalises like the Databricks SDKs: adds <c>https://</c> when no scheme is given, drops a trailing <c>/</c>,
    /// the default port and any query, keeps a path prefix. Then refuses <c>http://</c> unless the host is loopback.
    /// </summary>
    public static Uri Normalize(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var text = host.Trim();
        if (text.Length == 0)
        {
            throw DiagnosticCodes.HostInvalid.ToException(host);
        }

        // Every message below shows the host without a password the user may have typed into it.
        var shown = Redaction.RedactUserInfo(text);

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw DiagnosticCodes.HostInvalid.ToException(shown);
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw DiagnosticCodes.HostHasCredentials.ToException(shown);
        }

        var builder = new UriBuilder(uri.Scheme, uri.Host, uri.IsDefaultPort ? -1 : uri.Port, uri.AbsolutePath.TrimEnd('/'));
        var normalized = new Uri(builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'), UriKind.Absolute);
        EnsureSecure(normalized);
        return normalized;
    }

    /// <summary>Throws VOLSYNC2071 for <c>http://</c> to anything but a loopback address.</summary>
    public static void EnsureSecure(Uri host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Scheme == Uri.UriSchemeHttps)
        {
            return;
        }

        if (host.Scheme == Uri.UriSchemeHttp && IsLoopback(host))
        {
            return;
        }

        throw DiagnosticCodes.HostInsecure.ToException(Redaction.RedactUserInfo(host.GetLeftPart(UriPartial.Authority)));
    }

    /// <summary>Same scheme, host and port: the browser's rule for "the same server", applied to where credentials may go.</summary>
    public static bool IsSameOrigin(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;
    }

    public static bool IsLoopback(Uri host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var name = host.Host.Trim('[', ']');
        return IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address);
    }
}
