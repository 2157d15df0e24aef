using System.Text.RegularExpressions;
using VolSync.Auth.Providers;
using VolSync.Diagnostics;

namespace VolSync.Auth.Azure;

/// <summary>
/// The Microsoft Entra tenant of the workspace: <c>ARM_TENANT_ID</c> when given, else found the way the SDKs find it:
/// <c>{host}/aad/auth</c> redirects to <c>https://login.microsoftonline.com/&lt;tenant&gt;/oauth2/authorize?…</c>, and the
/// path segment before <c>oauth2</c> in that (unfollowed) redirect is the tenant. Looked up once per credentials object.
/// </summary>
internal sealed partial class AzureTenant
{
    private readonly Uri _host;
    private readonly HttpClient _http;
    private readonly ISyncLogger _logger;
    private Task<(string? Tenant, string Problem)>? _discovery;

    public AzureTenant(string? configured, Uri host, HttpClient http, ISyncLogger logger)
    {
        Configured = configured;
        _host = host;
        _http = http;
        _logger = logger;
    }

    public string? Configured { get; }

    /// <summary>Tenant ids are GUIDs or domain names; anything else could change the token URL's path.</summary>
    public static bool IsValid(string tenant) => TenantPattern().IsMatch(tenant);

    /// <summary>The tenant; VOLSYNC1112 when it is not configured and cannot be discovered.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Configured is not null)
        {
            return Configured;
        }

        var (tenant, problem) = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        return tenant ?? throw DiagnosticCodes.AzureTenantNotFound.ToException(_host.GetLeftPart(UriPartial.Authority), problem);
    }

    /// <summary>The tenant, or null when it is neither configured nor discoverable (the Azure CLI then uses its own).</summary>
    public async Task<string?> TryGetAsync(CancellationToken cancellationToken) =>
        Configured ?? (await DiscoverAsync(cancellationToken).ConfigureAwait(false)).Tenant;

    private Task<(string? Tenant, string Problem)> DiscoverAsync(CancellationToken cancellationToken)
    {
        // A lookup the caller cancelled is not an answer: the next caller asks again.
        if (_discovery is null || _discovery.IsCanceled)
        {
            _discovery = DiscoverOnceAsync(cancellationToken);
        }

        return _discovery;
    }

    private async Task<(string? Tenant, string Problem)> DiscoverOnceAsync(CancellationToken cancellationToken)
    {
        var login = new Uri(_host.AbsoluteUri.TrimEnd('/') + "/aad/auth");
        try
        {
            // The auth client never follows redirects: the redirect itself is the answer.
            using var response = await _http.GetAsync(login, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            _logger.Log(SyncLogLevel.Debug, $"auth: GET {login} (Entra tenant of the workspace) -> {status}");
            if (status is < 300 or >= 400 || response.Headers.Location is not { } location)
            {
                return (null, $"GET {login} answered HTTP {status}, not a redirect to the Microsoft Entra login");
            }

            var target = location.IsAbsoluteUri ? location : new Uri(login, location);
            // <authority>/<tenant>/oauth2/authorize: the segment before oauth2 (an authority may have a path of its own).
            var segments = target.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var oauth2 = Array.IndexOf(segments, "oauth2");
            var tenant = oauth2 > 0 ? segments[oauth2 - 1] : segments.FirstOrDefault();
            if (tenant is null || !IsValid(tenant))
            {
                return (null, $"the login redirect {Redaction.Url(target)} names no tenant");
            }

            _logger.Log(SyncLogLevel.Debug, $"auth: the workspace's Entra tenant is {tenant}");
            return (tenant, string.Empty);
        }
        catch (Exception ex) when (OAuthEndpoint.IsTransportFailure(ex, cancellationToken))
        {
            return (null, $"GET {login} failed: {ex.Message}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantPattern();
}
