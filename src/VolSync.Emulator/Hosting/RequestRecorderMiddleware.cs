using VolSync.Emulator.Faults;

namespace VolSync.Emulator.Hosting;

/// <summary>Records every request (never a credential's value) and counts the body bytes read.</summary>
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
        var at = DateTimeOffset.UtcNow;
        var counter = new CountingReadStream(context.Request.Body);
        context.Request.Body = counter;
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            var dropped = FaultMiddleware.WasDropped(context) || context.RequestAborted.IsCancellationRequested;
            _log.Add(new RecordedRequest(
                context.Request.Method,
                RequestPaths.Decoded(context),
                RequestPaths.RawTarget(context),
                dropped ? 0 : context.Response.StatusCode,
                counter.BytesRead,
                context.Request.Headers.Authorization.Count > 0,
                at)
            {
                DatabricksHeaders = DatabricksHeaders(context),
            });
        }
    }

    private static Dictionary<string, string> DatabricksHeaders(HttpContext context)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.Request.Headers)
        {
            if (name.StartsWith("X-Databricks-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = name.Equals(Auth.AuthMiddleware.ManagementTokenHeader, StringComparison.OrdinalIgnoreCase) ? "***" : value.ToString();
            }
        }

        return headers;
    }
}
