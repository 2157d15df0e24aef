using System.Text.Json;
using Microsoft.Build.Framework;
using VolSync.Build.Tests.Infrastructure;

namespace VolSync.Build.Tests;

/// <summary>The task's release parameters and outputs against the emulator over HTTP.</summary>
public sealed class ReleaseTaskTests
{
    private const string Volume = "/Volumes/main/default/apps";

    private static SyncToDatabricksVolume NewTask(EmulatorHarness h)
    {
        var task = h.NewTask(Volume);
        task.RemotePath = "app";
        task.CreateVolume = true;
        task.ProjectName = "HelloVolume";
        task.Configuration = "Release";
        return task;
    }

    [Fact]
    public async Task Outputs_and_the_summary_line_name_the_release()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.WriteSource("app.dll", "v1");

        var first = NewTask(h);
        Assert.True(first.Execute(), h.Engine.Render());

        Assert.Matches("^[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}$", first.ReleaseId);
        Assert.Equal($"{Volume}/app/.volsync/releases/{first.ReleaseId}.json", first.ManifestPath);
        var summary = Assert.Single(h.Engine.Messages, m => m.Importance == MessageImportance.High && m.Message.Contains(" -> " + Volume + "/app (VolSync: 1 uploaded", StringComparison.Ordinal));
        Assert.EndsWith($", new release {first.ReleaseId})", summary.Message, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(h.EmulatorRoot, first.ManifestPath.TrimStart('/'))));
        Assert.Equal("HelloVolume", manifest.RootElement.GetProperty("source").GetProperty("project").GetString());
        Assert.Equal("Release", manifest.RootElement.GetProperty("source").GetProperty("configuration").GetString());

        var second = NewTask(h);
        Assert.True(second.Execute(), h.Engine.Render());
        Assert.Equal(first.ReleaseId, second.ReleaseId);
        Assert.Contains(h.Engine.Messages, m => m.Message.EndsWith($", release {first.ReleaseId} unchanged)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keep_releases_prunes_after_a_successful_sync()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var ids = new List<string>();
        foreach (var version in new[] { "v1", "v22", "v333" })
        {
            h.WriteSource("app.dll", version);
            var task = NewTask(h);
            task.KeepReleases = "2";
            task.PruneMinAge = "0";
            Assert.True(task.Execute(), h.Engine.Render());
            ids.Add(task.ReleaseId);
        }

        Assert.Equal([ids[1] + ".json", ids[2] + ".json"], h.StoredFiles(Volume + "/app/.volsync/releases"));
        Assert.Equal(2, h.RemoteFiles(Volume + "/app").Count);
        Assert.Contains(h.Engine.Messages, m => m.Importance == MessageImportance.High && m.Message.StartsWith("VolSync: pruned 1 release(s) and 1 file(s)", StringComparison.Ordinal));
        Assert.Empty(h.Engine.Warnings);
    }

    [Fact]
    public async Task The_default_min_age_keeps_the_files_of_a_fresh_release()
    {
        await using var h = await EmulatorHarness.StartAsync();
        foreach (var version in new[] { "v1", "v22" })
        {
            h.WriteSource("app.dll", version);
            var task = NewTask(h);
            task.KeepReleases = "1";
            Assert.True(task.Execute(), h.Engine.Render());
        }

        Assert.Single(h.StoredFiles(Volume + "/app/.volsync/releases"));
        Assert.Equal(2, h.RemoteFiles(Volume + "/app").Count);
        Assert.Contains(h.Engine.Messages, m => m.Message.Contains("1 file(s) younger than 1h", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Original_names_keep_file_names_and_keep_releases_only_warns()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.WriteSource("Hello.dll", "app");
        h.WriteSource("Hello.runtimeconfig.json", "{}");

        var task = NewTask(h);
        task.Naming = "original";
        task.KeepReleases = "2";
        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Equal(["Hello.dll", "Hello.runtimeconfig.json"], h.RemoteFiles(Volume + "/app"));
        // Output items as in hashed mode, with the files' own names.
        Assert.Equal([Volume + "/app/Hello.dll", Volume + "/app/Hello.runtimeconfig.json"], task.UploadedFiles.Select(i => i.GetMetadata("RemotePath")).Order(StringComparer.Ordinal));
        Assert.Equal(2, task.UploadedCount);
        Assert.Equal("VOLSYNC1206", Assert.Single(h.Engine.Warnings).Code);
        Assert.NotEmpty(task.ReleaseId);
    }

    [Theory]
    [InlineData("Naming", "renamed", "VOLSYNC2403")]
    [InlineData("PruneMinAge", "soon", "VOLSYNC2402")]
    [InlineData("KeepReleases", "-1", "VOLSYNC2401")]
    [InlineData("KeepReleases", "two", "VOLSYNC2401")]
    public async Task Bad_release_properties_are_coded_errors_before_any_request(string property, string value, string code)
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.WriteSource("a.txt", "a");
        var task = NewTask(h);
        switch (property)
        {
            case "Naming":
                task.Naming = value;
                break;
            case "PruneMinAge":
                task.PruneMinAge = value;
                break;
            default:
                task.KeepReleases = value;
                break;
        }

        Assert.False(task.Execute());

        Assert.Equal(code, Assert.Single(h.Engine.Errors).Code);
        Assert.Empty(h.Server.Requests.Snapshot());
    }
}
