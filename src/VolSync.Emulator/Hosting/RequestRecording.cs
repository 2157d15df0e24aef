using VolSync.Emulator.Faults;

namespace VolSync.Emulator.Hosting;

/// <summary>
/// The log entry of one request in flight. It enters the log when the answer begins (before its headers leave) or
/// just before the connection is cut, whichever comes first, so a client that has its answer (or saw the cut) finds
/// its request in the log; when the pipeline unwinds the entry takes its final status and byte count.
/// </summary>
internal sealed class RequestRecording
{
    private readonly object _gate = new();
    private readonly HttpContext _context;
    private readonly RequestLog _log;
    private readonly CountingReadStream _body;
    private readonly RecordedRequest _arrived;
    private RequestLog.Entry? _entry;
    private bool _recorded;

    private RequestRecording(HttpContext context, RequestLog log, CountingReadStream body)
    {
        _context = context;
        _log = log;
        _body = body;
        _arrived = new RecordedRequest(
            context.Request.Method,
            RequestPaths.Decoded(context),
            RequestPaths.RawTarget(context),
            0,
            0,
            context.Request.Headers.Authorization.Count > 0,
            DateTimeOffset.UtcNow)
        {
            DatabricksHeaders = DatabricksHeaders(context),
        };
    }

    /// <summary>Starts recording the request: counts the body bytes read and records the entry once the answer begins.</summary>
    public static RequestRecording Start(HttpContext context, RequestLog log)
    {
        // The request owns its body stream; the counter in front of it needs no disposing.
        var body = new CountingReadStream(context.Request.Body);
        var recording = new RequestRecording(context, log, body);
        context.Request.Body = body;
        context.Features.Set(recording);
        context.Response.OnStarting(() =>
        {
            recording.Record();
            return Task.CompletedTask;
        });
        return recording;
    }

    /// <summary>The recording of this request, if the recorder saw it.</summary>
    public static RequestRecording? Of(HttpContext context) => context.Features.Get<RequestRecording>();

    /// <summary>Adds the entry to the log, or brings it up to date: status (0 once the connection is cut) and body bytes read so far.</summary>
    public void Record()
    {
        var dropped = FaultMiddleware.WasDropped(_context) || _context.RequestAborted.IsCancellationRequested;
        var request = _arrived with
        {
            Status = dropped ? 0 : _context.Response.StatusCode,
            RequestBytes = _body.BytesRead,
        };

        lock (_gate)
        {
            if (!_recorded)
            {
                _recorded = true;
                _entry = _log.Add(request);
            }
            else
            {
                _entry?.Update(request);
            }
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
