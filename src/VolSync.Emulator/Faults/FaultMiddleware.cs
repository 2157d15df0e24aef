using System.Globalization;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Hosting;

namespace VolSync.Emulator.Faults;

/// <summary>
/// Applies latency, the service's limits (requests in flight, requests per second), scripted faults and random
/// faults to Files and Unity Catalog requests. OAuth and discovery endpoints only get scripted faults that name
/// their path. One seeded <see cref="FaultDice"/> keeps runs reproducible.
/// </summary>
internal sealed class FaultMiddleware
{
    private const string DroppedKey = "volsync.dropped";

    private readonly RequestDelegate _next;
    private readonly EmulatorOptions _options;
    private readonly FaultScript _script;
    private readonly FaultDice _dice;
    private readonly RequestRateWindow _rate = new();
    private readonly ConcurrencyGate _inFlight = new();

    public FaultMiddleware(RequestDelegate next, EmulatorOptions options, FaultScript script, FaultDice dice)
    {
        _next = next;
        _options = options;
        _script = script;
        _dice = dice;
    }

    public static bool WasDropped(HttpContext context) => context.Items.ContainsKey(DroppedKey);

    /// <summary>
    /// Cuts the connection without (further) answer. The request enters the log as cut first: the client sees the
    /// cut at once, and a test that counts requests then must find it.
    /// </summary>
    public static void Cut(HttpContext context)
    {
        MarkDropped(context);
        context.Abort();
    }

    private static void MarkDropped(HttpContext context)
    {
        context.Items[DroppedKey] = true;
        RequestRecording.Of(context)?.Record();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!RequestPaths.IsApi(context))
        {
            await ApplyAsync(context, _script.Take(context.Request.Method, RequestPaths.Decoded(context), pathRulesOnly: true)).ConfigureAwait(false);
            return;
        }

        // A request turned away by a limit does not hold a slot while it waits out the latency, and does not
        // count towards the requests of its second.
        var holdsSlot = _inFlight.TryEnter(_options.MaxConcurrent);
        if (holdsSlot && !_rate.TryAdmit(_options.MaxQps))
        {
            _inFlight.Exit();
            holdsSlot = false;
        }

        try
        {
            var fault = !holdsSlot
                ? FaultKind.Status429
                : _script.Take(context.Request.Method, RequestPaths.Decoded(context)) ?? Draw();

            if (_options.LatencyMs > 0)
            {
                await Task.Delay(_options.LatencyMs, context.RequestAborted).ConfigureAwait(false);
            }

            await ApplyAsync(context, fault).ConfigureAwait(false);
        }
        finally
        {
            if (holdsSlot)
            {
                _inFlight.Exit();
            }
        }
    }

    private async Task ApplyAsync(HttpContext context, FaultKind? fault)
    {
        switch (fault)
        {
            case null:
                await _next(context).ConfigureAwait(false);
                break;
            case FaultKind.Drop:
                await DropAsync(context).ConfigureAwait(false);
                break;
            case FaultKind.DropAfterBody:
                await DropAfterBodyAsync(context).ConfigureAwait(false);
                break;
            case FaultKind.EmptyPage:
                EmptyPages.Script(context);
                await _next(context).ConfigureAwait(false);
                break;
            case FaultKind.Status429:
                context.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await ApiError.RequestLimitExceeded().WriteAsync(context).ConfigureAwait(false);
                break;
            case FaultKind.Status503:
                await ApiError.TemporarilyUnavailable().WriteAsync(context).ConfigureAwait(false);
                break;
            case FaultKind.Status500:
                await ApiError.Internal("Injected internal error.").WriteAsync(context).ConfigureAwait(false);
                break;
            case FaultKind.Status502:
                await new ApiError(StatusCodes.Status502BadGateway, "BAD_GATEWAY", "Injected bad gateway.").WriteAsync(context).ConfigureAwait(false);
                break;
            case FaultKind.Status504:
                await new ApiError(StatusCodes.Status504GatewayTimeout, "DEADLINE_EXCEEDED", "Injected gateway timeout.").WriteAsync(context).ConfigureAwait(false);
                break;
            case FaultKind.Stall:
                await StallAsync(context).ConfigureAwait(false);
                break;
            case FaultKind.Forbidden or FaultKind.ExpiredUrl:
                await ApiError.PermissionDenied("Injected permission denied.").WriteAsync(context).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"Unknown fault {fault}.");
        }
    }

    /// <summary>
    /// Holds the request unread and unanswered until the client gives up or the server stops. (Kestrel may not see
    /// a client give up while the unread body fills its buffers; the server stopping always ends the stall.)
    /// </summary>
    public static async Task StallAsync(HttpContext context)
    {
        // Never answered: logged as cut from the start, as the client may give up at any moment.
        MarkDropped(context);
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Cut(context);
        }
    }

    private FaultKind? Draw()
    {
        var (r429, r503, rDrop) = (_options.Rate429, _options.Rate503, _options.RateDrop);
        if (r429 <= 0 && r503 <= 0 && rDrop <= 0)
        {
            return null;
        }

        var roll = _dice.Roll();
        return roll < r429 ? FaultKind.Status429
            : roll < r429 + r503 ? FaultKind.Status503
            : roll < r429 + r503 + rDrop ? FaultKind.Drop
            : null;
    }

    /// <summary>Reads the whole body, then cuts the connection without answering.</summary>
    private static async Task DropAfterBodyAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
        Cut(context);
    }

    /// <summary>
    /// Uploads are cut after half their body has been read (so the handler has started writing);
    /// GETs are cut after half the response; other requests are cut before anything happens.
    /// </summary>
    private async Task DropAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (hasBody)
        {
            var limit = request.ContentLength is { } length ? length / 2 : 64 * 1024;
            request.Body = new DroppingRequestStream(request.Body, context, limit);
            await _next(context).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            var original = context.Response.Body;
            var dropping = new DroppingResponseStream(original, context);
            context.Response.Body = dropping;
            try
            {
                await _next(context).ConfigureAwait(false);
            }
            finally
            {
                dropping.Drop();
                context.Response.Body = original;
            }

            return;
        }

        Cut(context);
    }
}
