using System.Net;
using System.Text;
using System.Text.Json;

namespace VolSync.Core.Tests.Remote.Multipart;

/// <summary>
/// A workspace whose part URLs point to another host. Part PUTs are held until <c>overlap</c> are in flight at
/// once (or 10 s pass, when the client never sends that many together), so the count does not depend on timing.
/// </summary>
internal sealed class WorkspaceStub(int overlap, string cloudBase = "https://bucket.example.com") : HttpMessageHandler
{
    private readonly TaskCompletionSource _overlapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _maxInFlight;
    private int _parts;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Parts => Volatile.Read(ref _parts);

    public bool SawAuthorizationOnCloud { get; private set; }

    /// <summary>Requests that went to the cloud's URLs (parts and aborts).</summary>
    public int CloudRequests { get; private set; }

    /// <summary>Whole-file PUTs to the workspace (the fallback).</summary>
    public int SinglePuts { get; private set; }

    public List<string> CompletedETags { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (!uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
        {
            SawAuthorizationOnCloud |= request.Headers.Contains("Authorization");
            CloudRequests++;
            if (request.Method == HttpMethod.Delete)
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }

            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _maxInFlight, now);
            if (now >= overlap)
            {
                _overlapped.TrySetResult();
            }

            try
            {
                await request.Content!.ReadAsByteArrayAsync(cancellationToken);
                await Task.WhenAny(_overlapped.Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
                Interlocked.Increment(ref _parts);
                var response = new HttpResponseMessage(HttpStatusCode.OK);
                response.Headers.TryAddWithoutValidation("ETag", $"\"etag-{uri.AbsolutePath.Split('-')[^1]}\"");
                return response;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        if (uri.Query.Contains("action=initiate-upload", StringComparison.Ordinal))
        {
            return Json("""{"multipart_upload":{"session_token":"tok"}}""");
        }

        if (uri.AbsolutePath == "/api/2.0/fs/create-upload-part-urls")
        {
            using var document = JsonDocument.Parse(body);
            var start = document.RootElement.GetProperty("start_part_number").GetInt32();
            var count = document.RootElement.GetProperty("count").GetInt32();
            var urls = Enumerable.Range(start, count).Select(n => $$"""{"part_number":{{n}},"url":"{{cloudBase}}/part-{{n}}?sig=x","headers":[]}""");
            return Json("{\"upload_part_urls\":[" + string.Join(",", urls) + "]}");
        }

        if (uri.AbsolutePath == "/api/2.0/fs/create-abort-upload-url")
        {
            return Json("{\"abort_upload_url\":{\"url\":\"" + cloudBase + "/abort?sig=x\",\"headers\":[]}}");
        }

        if (request.Method == HttpMethod.Put && uri.Query.Contains("overwrite=", StringComparison.Ordinal))
        {
            SinglePuts++;
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        if (uri.Query.Contains("action=complete-upload", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(body);
            CompletedETags.AddRange(document.RootElement.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("etag").GetString()!));
            return Json("{}");
        }

        return new HttpResponseMessage(HttpStatusCode.NotImplemented);
    }

    private static HttpResponseMessage Json(string text) =>
        new(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "application/json") };

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
