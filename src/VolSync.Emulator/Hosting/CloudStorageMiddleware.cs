using VolSync.Emulator.Endpoints;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Faults;

namespace VolSync.Emulator.Hosting;

/// <summary>Answers every request of the cloud listener with the stand-in cloud storage, and its errors as XML.</summary>
internal sealed class CloudStorageMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!CloudListener.Accepted(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await CloudStorageEndpoints.HandleAsync(context).ConfigureAwait(false);
        }
        catch (Exception) when (FaultMiddleware.WasDropped(context) || context.RequestAborted.IsCancellationRequested)
        {
            FaultMiddleware.Cut(context);
        }
        catch (CloudError error) when (!context.Response.HasStarted)
        {
            await error.WriteAsync(context).ConfigureAwait(false);
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            // A volume that vanished while the upload ran, a directory in the way: the storage refuses the write.
            await new CloudError(error.Status, error.ErrorCode, error.Message).WriteAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException)
        {
            // The body ended before its Content-Length, or the connection broke.
            FaultMiddleware.Cut(context);
        }
    }
}
