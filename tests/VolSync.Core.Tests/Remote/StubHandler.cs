using System.Collections.Concurrent;

namespace VolSync.Core.Tests.Remote;

/// <summary>
/// A scripted transport for the send loop's own rules (retry decisions, budgets, cancellation) that a real server
/// cannot be made to break on cue. Contract behaviour is tested against the emulator instead.
/// </summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private int _count;

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public int Count => Volatile.Read(ref _count);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _count);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Seen.Enqueue(new SeenRequest(request.Method.Method, request.RequestUri!.PathAndQuery, headers, body));
        return await respond(request, n, cancellationToken);
    }

    public static HttpResponseMessage Status(int status, string? body = null, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent(body ?? string.Empty) };
        configure?.Invoke(response);
        return response;
    }
}

internal sealed record SeenRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body);
