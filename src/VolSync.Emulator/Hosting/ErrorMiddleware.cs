using Microsoft.AspNetCore.Connections;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Faults;

namespace VolSync.Emulator.Hosting;

/// <summary>
/// Turns <see cref="ApiError"/> into the standard error body, unknown routes and methods into 501 JSON,
/// dot segments into 400, and swallows the failures of connections that were cut. A failure of the storage
/// behind the emulator is answered 500 in the API's shape, never by cutting the connection: a client cannot
/// tell a cut from a network fault and would retry it for its whole budget.
/// </summary>
internal sealed class ErrorMiddleware
{
    private readonly RequestDelegate _next;

    public ErrorMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            if (RequestPaths.IsApi(context) && HasDotSegment(RequestPaths.Decoded(context)))
            {
                throw ApiError.InvalidParameter(
                    $"The path '{RequestPaths.Decoded(context)}' is invalid: segments '.' and '..' are not allowed.", "FILES_API_INVALID_PATH");
            }

            await _next(context).ConfigureAwait(false);
            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
            {
                context.Response.Headers.Allow = default;
                await ApiError.NotImplemented(context.Request.Method, RequestPaths.Decoded(context)).WriteAsync(context).ConfigureAwait(false);
            }
        }
        catch (Exception) when (FaultMiddleware.WasDropped(context) || context.RequestAborted.IsCancellationRequested)
        {
            // The connection is gone (cut by fault injection or by the client): nothing left to answer.
            FaultMiddleware.Cut(context);
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            await error.WithMessage(CredentialEcho.Append(context, error.Message)).WriteAsync(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            // The body ended before its Content-Length (a broken upload); the handler already discarded it.
            FaultMiddleware.Cut(context);
        }
        catch (IOException ex) when (ex is ConnectionResetException || context.Response.HasStarted)
        {
            // The client went away, or the answer was already on its way: the connection is all that is left to end.
            FaultMiddleware.Cut(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            await ApiError.Internal($"The emulator failed: {ex.GetType().Name}: {ex.Message}").WriteAsync(context).ConfigureAwait(false);
        }
    }

    private static bool HasDotSegment(string path) =>
        path.Split('/').Any(segment => segment is "." or "..");
}
