using VolSync.Build.Tests.Infrastructure;
using VolSync.Emulator;

namespace VolSync.Build.Tests;

/// <summary><c>VolSyncMultipartThreshold</c>: read with the same rule and codes as the CLI, and carried to the upload.</summary>
public sealed class MultipartThresholdTests
{
    private const string Volume = "/Volumes/main/default/apps";

    [Theory]
    [InlineData("lots", "VOLSYNC2450")]
    [InlineData("4MiB", "VOLSYNC2451")]
    [InlineData("6GiB", "VOLSYNC2451")]
    public async Task A_bad_threshold_is_a_coded_error_before_any_request(string value, string code)
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.WriteSource("a.txt", "a");
        var task = h.NewTask(Volume);
        task.MultipartThreshold = value;

        Assert.False(task.Execute());

        var error = Assert.Single(h.Engine.Errors);
        Assert.Equal(code, error.Code);
        Assert.Contains(value == "lots" ? "'lots'" : "5 MiB to 5000 MiB", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests.Snapshot());
    }

    [Theory]
    [InlineData("5MiB", true)]
    [InlineData("off", false)]
    public async Task The_threshold_decides_whether_a_file_goes_in_parts(string value, bool inParts)
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        var content = new string('x', 6 * 1024 * 1024);
        h.WriteSource("big.bin", content);
        var task = h.NewTask(Volume);
        task.MultipartThreshold = value;

        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Equal(1, task.UploadedCount);
        Assert.Equal(inParts ? 1 : 0, h.Server.Requests.Count("PUT", "/cloud/upload/"));
        // The release manifests are PUTs too; the file itself is one PUT only when it does not go in parts.
        Assert.Equal(inParts ? 0 : 1, h.Server.Requests.Snapshot().Count(r => r.Method == "PUT" && r.Path.StartsWith("/api/2.0/fs/files/", StringComparison.Ordinal) && !r.Path.Contains("/.volsync/", StringComparison.Ordinal)));
        Assert.Equal(inParts, h.Engine.Messages.Any(m => m.Message.Contains("multipart, 1 part of 16 MiB", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Where_the_workspace_refuses_presigned_urls_the_build_still_uploads_with_one_put()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Multipart = MultipartMode.Off);
        await h.CreateVolumeAsync("main", "default", "apps");
        h.WriteSource("big.bin", new string('y', 6 * 1024 * 1024));
        var task = h.NewTask(Volume);
        task.MultipartThreshold = "5MiB";

        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Equal(1, task.UploadedCount);
        Assert.Empty(h.Engine.Errors);
        Assert.Empty(h.Engine.Warnings);
        Assert.Contains(h.Engine.Messages, m => m.Message.StartsWith("Multipart upload of ", StringComparison.Ordinal) && m.Message.Contains("sent it as one PUT instead", StringComparison.Ordinal));
    }
}
