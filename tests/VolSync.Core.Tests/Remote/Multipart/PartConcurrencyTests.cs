using System.Net;
using System.Text;
using System.Text.Json;
using VolSync.Auth;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote.Multipart;

/// <summary>
/// Parts in flight, counted at the transport (a server cannot be asked how many requests overlapped): several at
/// once, never more than the shared transfer slots allow, and never with the workspace's credentials.
/// </summary>
public sealed class PartConcurrencyTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Parts_in_flight_use_the_shared_slots_and_no_more(int slots)
    {
        var cloud = new CloudStub(slots);
        using var client = new DatabricksClient(new Uri("https://adb-1.azuredatabricks.net"), new PatCredentials("dapi-secret"), new DatabricksClientOptions
        {
            Handler = cloud,
            MultipartPartSize = 5 * MiB,
            RetryDelay = (_, ct) => Task.Delay(1, ct),
        });
        var content = new byte[(6 * 5 * MiB) + 1];

        var route = await client.UploadAsync("/Volumes/c/s/v/big.bin", _ => new ValueTask<Stream>(new MemoryStream(content)), content.Length, new UploadOptions { MultipartThreshold = 5 * MiB, Slots = new UploadSlots(slots) });

        Assert.Equal(7, route.PartCount);
        Assert.Equal(7, cloud.Parts);
        Assert.Equal(slots, cloud.MaxInFlight);
        Assert.False(cloud.SawAuthorizationOnCloud);
        Assert.Equal(Enumerable.Range(1, 7).Select(n => $"\"etag-{n}\""), cloud.CompletedETags);
    }

    /// <summary>
    /// A workspace whose part URLs point to another host. Part PUTs are held until <c>overlap</c> are in flight at
    /// once (or 10 s pass, when the client never sends that many together), so the count does not depend on timing.
    /// </summary>
    private sealed class CloudStub(int overlap) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _overlapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _maxInFlight;
        private int _parts;

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public int Parts => Volatile.Read(ref _parts);

        public bool SawAuthorizationOnCloud { get; private set; }

        public List<string> CompletedETags { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.Host == "bucket.example.com")
            {
                SawAuthorizationOnCloud |= request.Headers.Contains("Authorization");
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
                var urls = Enumerable.Range(start, count).Select(n => $$"""{"part_number":{{n}},"url":"https://bucket.example.com/part-{{n}}?sig=x","headers":[]}""");
                return Json("{\"upload_part_urls\":[" + string.Join(",", urls) + "]}");
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
}
