namespace VolSync.Remote.Databricks;

// Every operation sends through the run's transport: one host limiter, one retry loop.
public sealed partial class DatabricksClient
{
    private async Task<HttpResponseMessage> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var (response, _) = await Transport.SendAsync(_limiter, new ApiExchange(this, request), holdSlot: false, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>For a response read after it is returned (a download): the caller disposes the slot with it.</summary>
    private async Task<(HttpResponseMessage Response, RequestSlot Slot)> SendHoldingSlotAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var (response, slot) = await Transport.SendAsync(_limiter, new ApiExchange(this, request), holdSlot: true, cancellationToken).ConfigureAwait(false);
        return (response, slot!);
    }
}
