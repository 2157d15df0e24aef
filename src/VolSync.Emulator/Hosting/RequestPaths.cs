using Microsoft.AspNetCore.Http.Features;

namespace VolSync.Emulator.Hosting;

/// <summary>
/// The request path taken from the raw request target and percent-decoded exactly once. Kestrel's own
/// <c>Request.Path</c> is not used for volume paths: it removes dot segments and leaves <c>%2F</c> encoded.
/// </summary>
internal static class RequestPaths
{
    private const string DecodedKey = "volsync.decoded-path";

    public static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.PathBase + context.Request.Path + context.Request.QueryString;

    public static string RawPath(HttpContext context)
    {
        var raw = RawTarget(context);
        if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            raw = new Uri(raw).PathAndQuery;
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? raw : raw[..query];
    }

    public static string Decoded(HttpContext context)
    {
        if (context.Items.TryGetValue(DecodedKey, out var cached) && cached is string decoded)
        {
            return decoded;
        }

        decoded = Uri.UnescapeDataString(RawPath(context));
        context.Items[DecodedKey] = decoded;
        return decoded;
    }

    /// <summary>The Files and Unity Catalog REST API (auth and faults apply), as opposed to OAuth and discovery.</summary>
    public static bool IsApi(HttpContext context) => Decoded(context).StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>The part of the decoded path after <paramref name="prefix"/>, or null when it does not start with it.</summary>
    public static string? After(HttpContext context, string prefix)
    {
        var decoded = Decoded(context);
        return decoded.StartsWith(prefix, StringComparison.Ordinal) ? decoded[prefix.Length..] : null;
    }
}
