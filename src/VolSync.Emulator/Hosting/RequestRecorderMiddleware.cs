namespace VolSync.Emulator.Hosting;

/// <summary>
/// Records every request (never a credential's value) and counts the body bytes read; see
/// <see cref="RequestRecording"/> for when an entry becomes visible.
/// </summary>
internal sealed class RequestRecorderMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RequestLog _log;

    public RequestRecorderMiddleware(RequestDelegate next, RequestLog log)
    {
        _next = next;
        _log = log;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var recording = RequestRecording.Start(context, _log);
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            recording.Record();
        }
    }
}
