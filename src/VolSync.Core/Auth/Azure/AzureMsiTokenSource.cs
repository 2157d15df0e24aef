using System.Net;
using System.Net.Sockets;
using VolSync.Auth.Providers;
using VolSync.Diagnostics;

namespace VolSync.Auth.Azure;

/// <summary>
/// <c>azure-msi</c>: the managed identity of the machine or app. On a VM or scale set, the instance metadata service
/// (<c>GET http://169.254.169.254/metadata/identity/oauth2/token</c> with <c>Metadata: true</c>; the base is
/// <c>AZURE_POD_IDENTITY_AUTHORITY_HOST</c> when set, as in the Azure SDKs); in App Service and Functions,
/// <c>IDENTITY_ENDPOINT</c> with the <c>IDENTITY_HEADER</c> secret. <c>ARM_CLIENT_ID</c> picks a user-assigned identity.
/// </summary>
internal sealed class AzureMsiTokenSource : AzureTokenSource
{
    public static readonly Uri DefaultImdsHost = new("http://169.254.169.254");

    // The instance metadata service answers in milliseconds where it exists; elsewhere the connection can hang.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private readonly Uri _endpoint;
    private readonly string? _identityHeader;
    private readonly string? _clientId;
    private readonly TokenClient _tokens;

    /// <param name="endpoint">The IMDS base, or the App Service <c>IDENTITY_ENDPOINT</c> when <paramref name="identityHeader"/> is set.</param>
    public AzureMsiTokenSource(Uri endpoint, string? identityHeader, string? clientId, string? clientIdOrigin, TokenClient tokens)
    {
        _endpoint = endpoint;
        _identityHeader = identityHeader;
        _clientId = clientId;
        _tokens = tokens;
        Identity = clientId is null ? "managed identity (system-assigned)" : $"managed identity {clientId} (user-assigned, {clientIdOrigin})";
    }

    public override string AuthType => "azure-msi";

    public override string Identity { get; }

    /// <summary>
    /// Managed-identity endpoints are node-local plain-HTTP services by design: https, or http to a loopback,
    /// link-local or private IP address, is accepted; a public or named http host is not (VOLSYNC2110).
    /// </summary>
    public static void EnsureLocal(Uri endpoint, string source)
    {
        if (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && (DatabricksHost.IsLoopback(endpoint) || IsLinkLocalOrPrivate(endpoint))))
        {
            return;
        }

        throw DiagnosticCodes.AzureMsiEndpointInvalid.ToException(Redaction.Url(endpoint), source);
    }

    public override async Task<OAuthToken> GetTokenAsync(string resource, CancellationToken cancellationToken)
    {
        var appService = _identityHeader is not null;
        var query = $"api-version={(appService ? "2019-08-01" : "2018-02-01")}&resource={Uri.EscapeDataString(resource)}"
            + (_clientId is null ? string.Empty : "&client_id=" + Uri.EscapeDataString(_clientId));
        var url = appService
            ? new Uri(_endpoint.AbsoluteUri + (_endpoint.Query.Length == 0 ? "?" : "&") + query)
            : new Uri(_endpoint.AbsoluteUri.TrimEnd('/') + "/metadata/identity/oauth2/token?" + query);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            return await _tokens.SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (appService)
                    {
                        request.Headers.TryAddWithoutValidation("X-IDENTITY-HEADER", _identityHeader);
                    }
                    else
                    {
                        request.Headers.TryAddWithoutValidation("Metadata", "true");
                    }

                    return request;
                },
                "(managed identity)", Identity, [_identityHeader ?? string.Empty], timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw DiagnosticCodes.AzureMsiRequestFailed.ToException(Identity, Redaction.Url(url), $"no answer within {(int)s_timeout.TotalSeconds} seconds (this does not look like an Azure VM, App Service or Function with a managed identity)");
        }
    }

    private static bool IsLinkLocalOrPrivate(Uri endpoint)
    {
        if (!IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
    }
}
