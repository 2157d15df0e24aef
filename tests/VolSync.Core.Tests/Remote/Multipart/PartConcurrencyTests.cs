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
        var cloud = new WorkspaceStub(slots);
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
}

/// <summary>A presigned URL is a credential: VolSync sends bytes only to https (or to this machine).</summary>
public sealed class PresignedUrlSafetyTests
{
    [Fact]
    public async Task An_http_presigned_url_elsewhere_is_never_used_and_the_file_falls_back_to_one_put()
    {
        var workspace = new WorkspaceStub(overlap: 1, cloudBase: "http://bucket.example.com");
        using var client = new DatabricksClient(new Uri("https://adb-1.azuredatabricks.net"), new PatCredentials("dapi-secret"), new DatabricksClientOptions { Handler = workspace });
        var content = new byte[6 * 1024 * 1024];

        var route = await client.UploadAsync("/Volumes/c/s/v/big.bin", _ => new ValueTask<Stream>(new MemoryStream(content)), content.Length, new UploadOptions { MultipartThreshold = 5 * 1024 * 1024 });

        Assert.Equal(UploadRoute.SinglePut, route);
        Assert.Equal(0, workspace.CloudRequests);
        Assert.Equal(1, workspace.SinglePuts);
    }
}
