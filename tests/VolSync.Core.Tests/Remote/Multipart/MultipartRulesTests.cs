using System.Net;
using VolSync.Auth;
using VolSync.Diagnostics;
using VolSync.Remote;
using VolSync.Remote.Databricks;
using VolSync.Remote.Databricks.Multipart;

namespace VolSync.Core.Tests.Remote.Multipart;

/// <summary>The rules of the multipart flow that need no server: threshold, routes, part layout, expired URLs, stragglers.</summary>
public sealed class MultipartRulesTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData("50MiB", 50 * MiB)]
    [InlineData("5242880", 5 * MiB)]
    [InlineData("5000MiB", 5_242_880_000)]
    [InlineData("off", null)]
    [InlineData("OFF", null)]
    public void The_threshold_is_a_size_from_5_MiB_to_5000_MiB_or_off(string text, long? expected) =>
        Assert.Equal(expected, MultipartThreshold.Parse(text));

    [Theory]
    [InlineData("fifty", "VOLSYNC2450")]
    [InlineData("", "VOLSYNC2450")]
    [InlineData("4MiB", "VOLSYNC2451")]
    [InlineData("5001MiB", "VOLSYNC2451")]
    public void A_bad_threshold_has_one_code_per_condition(string text, string code) =>
        Assert.Equal(code, Assert.Throws<VolSyncException>(() => MultipartThreshold.Parse(text)).Code);

    [Fact]
    public void The_single_put_limit_is_5000_MiB_the_stricter_documented_value() =>
        Assert.Equal(5_242_880_000, DatabricksClient.MaxSinglePutBytes);

    [Theory]
    [InlineData(100 * MiB, 16 * MiB, 16 * MiB, 7)]
    [InlineData(16 * MiB, 16 * MiB, 16 * MiB, 1)]
    [InlineData(1, 16 * MiB, 16 * MiB, 1)]
    [InlineData(12 * MiB, 1 * MiB, 5 * MiB, 3)] // never below the cloud's 5 MiB minimum
    [InlineData(12 * MiB, (5 * MiB) + 1, (5 * MiB) + (256 * 1024), 3)] // rounded up to 256 KiB (GCS chunks)
    [InlineData(160_000 * MiB, 16 * MiB, 16 * MiB, 10_000)] // exactly 10 000 parts of the default size
    [InlineData((160_000 * MiB) + 1, 16 * MiB, (16 * MiB) + (256 * 1024), 9_847)] // one byte more: parts grow
    [InlineData(5L * 1024 * 1024 * MiB, 16 * MiB, 524.5 * MiB, 9_996)] // 5 TiB: well under 1 GiB per part
    public void Parts_are_16_MiB_grown_to_stay_within_10000_parts(long length, long preferred, double partSize, int count)
    {
        var layout = PartLayout.For(length, preferred);

        Assert.Equal((long)partSize, layout.PartSize);
        Assert.Equal(count, layout.Count);
        Assert.InRange(layout.Count, 1, PartLayout.MaxParts);
        Assert.Equal(length, Enumerable.Range(1, layout.Count).Sum(p => (long)layout.SizeOf(p)));
        Assert.All(Enumerable.Range(1, layout.Count - 1), p => Assert.True(layout.SizeOf(p) >= PartLayout.MinPartSize));
        Assert.InRange(layout.SizeOf(layout.Count), 1, layout.PartSize);
    }

    [Fact]
    public void Routes_follow_the_threshold_and_the_limits()
    {
        using var client = new DatabricksClient(new Uri("https://example.cloud.databricks.com"), new PatCredentials("t"));
        var on = new UploadOptions { MultipartThreshold = 50 * MiB };
        var off = new UploadOptions { MultipartThreshold = null };

        Assert.Equal(UploadRoute.SinglePut, client.PlanUpload("/Volumes/c/s/v/a", (50 * MiB) - 1, on));
        Assert.Equal(new UploadRoute(UploadMethod.Multipart, 16 * MiB, 4), client.PlanUpload("/Volumes/c/s/v/a", 50 * MiB, on));
        Assert.Equal(UploadRoute.SinglePut, client.PlanUpload("/Volumes/c/s/v/a", 0, new UploadOptions { MultipartThreshold = MultipartThreshold.Minimum }));
        Assert.Equal(UploadRoute.SinglePut, client.PlanUpload("/Volumes/c/s/v/a", DatabricksClient.MaxSinglePutBytes, off));
        // Above the single-PUT limit a file always goes in parts, whatever the threshold says.
        Assert.Equal(UploadMethod.Multipart, client.PlanUpload("/Volumes/c/s/v/a", DatabricksClient.MaxSinglePutBytes + 1, new UploadOptions { MultipartThreshold = long.MaxValue }).Method);
        Assert.Equal("VOLSYNC2050", Assert.Throws<VolSyncException>(() => client.PlanUpload("/Volumes/c/s/v/a", DatabricksClient.MaxSinglePutBytes + 1, off)).Code);
        Assert.Equal("VOLSYNC2452", Assert.Throws<VolSyncException>(() => client.PlanUpload("/Volumes/c/s/v/a", DatabricksClient.MaxMultipartBytes + 1, on)).Code);
    }

    [Theory]
    [InlineData(403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", true)]
    [InlineData(403, "<?xml version=\"1.0\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.</Message><AuthenticationErrorDetail>Signature not valid in the specified time frame: Start [..] - Expiry [..]</AuthenticationErrorDetail></Error>", true)]
    [InlineData(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", false)]
    [InlineData(400, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", false)]
    [InlineData(403, "", false)]
    public void Only_the_clouds_expired_signature_answers_mean_mint_a_new_url(int status, string body, bool expired) =>
        Assert.Equal(expired, new CloudResponse((HttpStatusCode)status, null, null, null, body, null).IsExpiredUrl);

    [Fact]
    public void A_cloud_error_reads_as_status_code_and_message() =>
        Assert.Equal(
            "HTTP 403 Forbidden, AccessDenied: Access Denied",
            new CloudResponse(HttpStatusCode.Forbidden, "Forbidden", null, null, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", null).Describe());

    [Fact]
    public void The_straggler_guard_waits_for_a_few_parts_then_allows_three_times_the_p95_but_at_least_the_floor()
    {
        var guard = new StragglerGuard(TimeSpan.FromSeconds(5), warmup: 4);
        guard.Record(TimeSpan.FromSeconds(2));
        guard.Record(TimeSpan.FromSeconds(3));
        guard.Record(TimeSpan.FromSeconds(4));
        Assert.Null(guard.Deadline);

        guard.Record(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(30), guard.Deadline);

        var fast = new StragglerGuard(TimeSpan.FromSeconds(5), warmup: 2);
        fast.Record(TimeSpan.FromMilliseconds(100));
        fast.Record(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromSeconds(5), fast.Deadline);
    }
}
