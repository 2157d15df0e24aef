namespace VolSync.Remote.Databricks;

/// <summary>The <see cref="DatabricksTransport.AuthHandler"/>: each request becomes an <see cref="AuthExchange"/>.</summary>
internal sealed class AuthRetryHandler(DatabricksTransport transport) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limiter = transport.LimiterFor(request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request)));
        var (response, _) = await transport.SendAsync(limiter, new AuthExchange(transport, request), holdSlot: false, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
