using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using VolSync.Build.Tests.Infrastructure;
using VolSync.Emulator;

namespace VolSync.Build.Tests;

/// <summary>The task against the emulator over real HTTP: outputs, messages, remote errors, cancellation, secrets.</summary>
public sealed class SyncAgainstEmulatorTests
{
    private const string Volume = "/Volumes/main/default/apps";

    [Fact]
    public async Task First_sync_uploads_everything_and_reports_items_counts_and_importances()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var a = h.WriteSource("a.txt", "alpha");
        h.WriteSource("sub/b.json", "{\"b\":1}");
        var task = h.NewTask(Volume);
        task.RemotePath = "rel";
        task.CreateVolume = true;

        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Empty(h.Engine.Errors);
        Assert.Empty(h.Engine.Warnings);
        Assert.Equal(2, task.UploadedCount);
        Assert.Equal(0, task.SkippedCount);
        Assert.Equal(0, task.FailedCount);
        Assert.Equal(5 + 7, task.BytesUploaded);

        var item = Assert.Single(task.UploadedFiles, i => i.ItemSpec == a);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("alpha")));
        Assert.Equal(sha, item.GetMetadata("Sha256"));
        Assert.Equal("5", item.GetMetadata("Size"));
        Assert.Equal($"{Volume}/rel/a_{sha[..16]}.txt", item.GetMetadata("RemotePath"));
        Assert.Equal(["a_" + sha[..16] + ".txt", "sub/" + Path.GetFileName(task.UploadedFiles.Single(i => i.ItemSpec != a).GetMetadata("RemotePath"))], h.RemoteFiles(Volume + "/rel"));

        // "<project> -> <where>": the shape the terminal logger puts on the project's result line.
        var summary = Assert.Single(h.Engine.Messages, m => m.Message.StartsWith("test -> " + Volume + "/rel (VolSync: 2 uploaded, 0 skipped, 0 failed, 12 B in ", StringComparison.Ordinal));
        Assert.Equal(MessageImportance.High, summary.Importance);
        Assert.Matches(@" s, new release [0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}\)$", summary.Message);
        Assert.Contains(h.Engine.Messages, m => m.Importance == MessageImportance.Normal && m.Message.Contains("sub/b.json"));
        Assert.Single(h.Engine.Messages, m => m.Importance == MessageImportance.High && m.Message.Contains("created volume main.default.apps"));
        // The engine's own summary is not repeated at high importance.
        Assert.Equal(2, h.Engine.Messages.Count(m => m.Importance == MessageImportance.High));
        AssertTokenAbsent(h);
    }

    [Theory]
    [InlineData("bin/Release/net10.0/publish/")]
    [InlineData("out")]
    public async Task Source_directory_like_PublishDir_is_synced(string relative)
    {
        // $(PublishDir) ends with a separator and usually sits under bin/.
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        var file = Path.Combine(h.Source, relative, "app.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "app");
        var task = h.NewTask(Volume);
        task.SourceDirectory = Path.Combine(h.Source, relative);

        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Equal(1, task.UploadedCount);
    }

    [Fact]
    public async Task Patterns_come_from_items_Pattern_metadata_and_the_property()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        h.WriteSource("app.dll", "app");
        h.WriteSource("app.pdb", "pdb");
        h.WriteSource("app.xml", "xml");
        h.WriteSource("runtimes/linux/native.so", "so");
        h.WriteSource("readme.txt", "txt");
        var task = h.NewTask(Volume);
        task.Include = [new Microsoft.Build.Utilities.TaskItem("*.dll"), new Microsoft.Build.Utilities.TaskItem("natives", new Dictionary<string, string> { ["Pattern"] = "runtimes/**" })];
        task.IncludePatterns = "*.pdb; *.xml";
        task.ExcludePatterns = "*.xml";

        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Equal(["app.dll", "app.pdb", "runtimes/linux/native.so"], task.UploadedFiles.Select(i => i.GetMetadata("RelativePath")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Long_syncs_print_periodic_progress_at_high_importance_even_while_a_request_stalls()
    {
        // Every request takes 400 ms and one upload runs at a time: ticks of 100 ms fall inside requests, when the
        // engine reports nothing, so lines come from the timer and not from incoming reports.
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        for (var i = 0; i < 3; i++)
        {
            h.WriteSource($"f{i}.txt", new string('x', 1000 + i));
        }

        h.Server.Options.LatencyMs = 400;
        var task = h.NewTask(Volume);
        task.MaxConcurrentUploads = "1";
        task.ProgressInterval = TimeSpan.FromMilliseconds(100);

        Assert.True(task.Execute(), h.Engine.Render());

        var progress = h.Engine.Messages.Where(m => m.Message.StartsWith("VolSync: uploading ", StringComparison.Ordinal)).ToList();
        Assert.True(progress.Count >= 5, h.Engine.Render());
        // High: the console logger shows it at its default (minimal) verbosity, so long syncs are not silent in CI.
        Assert.All(progress, m => Assert.Equal(MessageImportance.High, m.Importance));
        Assert.All(progress, m => Assert.Matches(@"^VolSync: uploading [0-2]/3 files, [0-9.]+ (?:[KMGT]i)?B of [0-9.]+ (?:[KMGT]i)?B, (?:[0-9.]+ files/s|-), (?:[0-9.]+ (?:[KMGT]i)?B/s|-), (?:[0-9]+ s|-) left$", m.Message));
        // Never a line for a phase whose files are all done, nor after the task returned.
        Assert.DoesNotContain(progress, m => m.Message.StartsWith("VolSync: uploading 3/3", StringComparison.Ordinal));
        var count = h.Engine.Messages.Count;
        await Task.Delay(300);
        Assert.Equal(count, h.Engine.Messages.Count);
    }

    [Fact]
    public async Task Unreachable_host_fails_with_a_remote_code_once_the_retry_timeout_is_spent()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.WriteSource("a.txt", "alpha");
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var task = h.NewTask(Volume);
        task.Host = $"http://127.0.0.1:{closedPort}";
        task.RetryTimeoutSeconds = "1";

        Assert.False(task.Execute());

        var error = Assert.Single(h.Engine.Errors);
        Assert.Matches("^VOLSYNC1[0-9]{3}$", error.Code);
        AssertTokenAbsent(h);
    }

    [Fact]
    public async Task Auto_concurrency_uploads_every_file_within_the_workspace_limit()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        for (var i = 0; i < 30; i++)
        {
            h.WriteSource($"f{i:00}.txt", $"file {i}");
        }

        h.Server.Options.MaxConcurrent = 3;
        h.Server.Options.LatencyMs = 10;
        h.Server.Options.RetryAfterSeconds = 0;
        var task = h.NewTask(Volume);
        task.MaxConcurrentUploads = "auto";

        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Equal(30, task.UploadedCount);
        Assert.Equal(30, h.RemoteFiles(Volume).Count);
    }

    [Fact]
    public async Task A_retry_is_logged_as_a_message_naming_the_attempt_and_the_wait()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.RetryAfterSeconds = 0);
        await h.CreateVolumeAsync("main", "default", "apps");
        h.WriteSource("a.txt", "alpha");
        h.Server.Faults.FailNext(1, FaultKind.Status429, "PUT");
        var task = h.NewTask(Volume);

        Assert.True(task.Execute(), h.Engine.Render());

        var retry = Assert.Single(h.Engine.Messages, m => m.Message.StartsWith("VolSync: retrying upload ", StringComparison.Ordinal));
        Assert.Equal(MessageImportance.Normal, retry.Importance);
        Assert.Matches(@"\(attempt 2, waiting [0-9.]+ s\) after HTTP 429", retry.Message);
        AssertTokenAbsent(h);
    }

    [Fact]
    public async Task Second_sync_uploads_nothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        h.WriteSource("a.txt", "alpha");
        h.WriteSource("b.txt", "beta");
        Assert.True(h.NewTask(Volume).Execute(), h.Engine.Render());
        h.Server.Requests.Clear();

        var again = h.NewTask(Volume);
        Assert.True(again.Execute(), h.Engine.Render());

        Assert.Equal(0, again.UploadedCount);
        Assert.Equal(2, again.SkippedCount);
        Assert.Empty(again.UploadedFiles);
        Assert.Equal(0, h.Server.Requests.Count("PUT"));
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_counts_what_would_be_uploaded()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        h.WriteSource("a.txt", "alpha");
        var task = h.NewTask(Volume);
        task.DryRun = true;

        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Equal(1, task.WouldUploadCount);
        Assert.Equal(0, task.UploadedCount);
        Assert.Equal(0, h.Server.Requests.Count("PUT"));
        Assert.Empty(h.RemoteFiles(Volume));
        Assert.False(Directory.Exists(h.HashCache) && Directory.EnumerateFiles(h.HashCache).Any(), "a dry run writes no hash cache");
        Assert.Contains(h.Engine.Messages, m => m.Importance == MessageImportance.High && m.Message == "test -> " + Volume + " (VolSync dry run: 1 would be uploaded, 0 up to date, 0 failed; nothing was written)");
    }

    [Theory]
    [InlineData("/Volumes/nocatalog/default/apps", "VOLSYNC1150", "nocatalog")]
    [InlineData("/Volumes/main/noschema/apps", "VOLSYNC1151", "main.noschema")]
    [InlineData("/Volumes/main/default/novolume", "VOLSYNC1152", "main.default.novolume")]
    public async Task Missing_catalog_schema_or_volume_is_named(string volumePath, string code, string named)
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.WriteSource("a.txt", "alpha");

        Assert.False(h.NewTask(volumePath).Execute());

        var error = Assert.Single(h.Engine.Errors);
        Assert.Equal(code, error.Code);
        Assert.Contains(named, error.Message);
        Assert.Equal(0, h.Server.Requests.Count("PUT"));
    }

    [Fact]
    public async Task Forbidden_path_fails_the_task_with_a_remote_code()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ForbiddenPathPrefixes.Add(Volume + "/locked"));
        await h.CreateVolumeAsync("main", "default", "apps");
        h.WriteSource("a.txt", "alpha");
        var task = h.NewTask(Volume + "/locked");

        Assert.False(task.Execute());

        Assert.NotEmpty(h.Engine.Errors);
        Assert.All(h.Engine.Errors, e => Assert.Matches("^VOLSYNC1[0-9]{3}$", e.Code));
        Assert.Empty(h.RemoteFiles(Volume));
        AssertTokenAbsent(h);
    }

    [Fact]
    public async Task A_file_name_with_a_newline_is_escaped_in_every_message_and_kept_on_the_volume()
    {
        // Only the file's own PUT is refused: its folder still lists.
        var hash = Convert.ToHexStringLower(SHA256.HashData("b"u8))[..16];
        await using var h = await EmulatorHarness.StartAsync(o => o.ForbiddenPathPrefixes.Add($"{Volume}/locked/bad\nname_{hash}.txt"));
        await h.CreateVolumeAsync("main", "default", "apps");
        h.WriteSource("new\nline.txt", "n");
        h.WriteSource("locked/bad\nname.txt", "b");
        var task = h.NewTask(Volume);

        Assert.False(task.Execute(), h.Engine.Render());

        Assert.Single(h.RemoteFiles(Volume), f => f.StartsWith("new\nline_", StringComparison.Ordinal));
        var error = Assert.Single(h.Engine.Errors);
        Assert.Contains("locked/bad\\nname.txt", error.Message);
        Assert.Contains(h.Engine.Messages, m => m.Message.Contains("new\\nline.txt", StringComparison.Ordinal));
        Assert.All(h.Engine.Events, e => Assert.DoesNotContain(e.Message, c => c < ' '));
    }

    [Fact]
    public async Task Cancel_from_another_thread_stops_uploads_with_a_warning_and_leaves_only_whole_files()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        for (var i = 0; i < 10; i++)
        {
            h.WriteSource($"f{i}.bin", new string((char)('a' + i), 100_000));
        }

        // Every request now takes 1.5 s, and one upload runs at a time: after the first PUT completes,
        // the rest cannot finish before the cancel lands.
        h.Server.Options.LatencyMs = 1500;
        var task = h.NewTask(Volume);
        task.MaxConcurrentUploads = "1";
        var run = Task.Run(task.Execute);
        while (h.Server.Requests.Count("PUT") == 0 && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        task.Cancel();
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) == run;
        stopwatch.Stop();

        Assert.True(finished, "Execute did not return after Cancel()");
        Assert.False(await run);
        Assert.Empty(h.Engine.Errors);
        Assert.Equal("VOLSYNC2240", Assert.Single(h.Engine.Warnings).Code); // one cancel code in every host (the CLI said 2306)

        var stored = h.RemoteFiles(Volume);
        Assert.InRange(stored.Count, 1, 9);
        foreach (var name in stored)
        {
            // A stored file's content matches the hash in its name: nothing half-written.
            var content = await File.ReadAllBytesAsync(Path.Combine(h.EmulatorRoot, Volume.TrimStart('/'), name));
            var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
            Assert.Contains("_" + hash, name);
        }

        Console.WriteLine($"Cancel() to Execute() returning: {stopwatch.ElapsedMilliseconds} ms");
    }

    private static void AssertTokenAbsent(EmulatorHarness h)
    {
        Assert.All(h.Engine.Events, e => Assert.DoesNotContain(EmulatorHarness.Token, e.Message, StringComparison.Ordinal));
        Assert.All(h.Engine.Events, e => Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal));
    }
}
