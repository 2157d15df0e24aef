using System.Text;
using VolSync.Core.Tests.Remote.Contract;
using VolSync.Diagnostics;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Core.Tests.Releases;

/// <summary>SPEC §9 against the emulator over HTTP: files keep their own names and the manifest says what is current.</summary>
public sealed class OriginalNamesSyncTests
{
    // What `dotnet publish` of a console app leaves: `dotnet App.dll` looks for App.runtimeconfig.json and App.deps.json by name.
    private static readonly Dictionary<string, string> App = new(StringComparer.Ordinal)
    {
        ["App.dll"] = "MZ fake assembly v1",
        ["App.deps.json"] = "{\"runtimeTarget\":{\"name\":\".NETCoreApp,Version=v8.0\"}}",
        ["App.runtimeconfig.json"] = "{\"runtimeOptions\":{\"tfm\":\"net8.0\"}}",
        ["App.pdb"] = "symbols",
        ["de/App.resources.dll"] = "satellite",
        ["runtimes/linux-x64/native/libx.so"] = "native",
    };

    private static void WriteApp(ReleaseHarness h)
    {
        foreach (var (path, content) in App)
        {
            h.Local.Write(path, content);
        }
    }

    private static string[] RemoteTree(ReleaseHarness h)
    {
        var root = h.DiskPath(ReleaseHarness.Root);
        return [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !ReleaseLayout.IsVolSyncPath(f))
            .Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task First_sync_stores_the_exact_local_tree_under_the_files_own_names()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteApp(h);

        var result = await h.RunAsync(NamingMode.Original);

        Assert.True(result.Succeeded, string.Join("\n", result.Files.Select(f => f.Error)));
        Assert.Equal(NamingMode.Original, result.Naming);
        Assert.Equal(App.Keys.Order(StringComparer.Ordinal), RemoteTree(h));
        foreach (var (path, content) in App)
        {
            Assert.Equal(content, await File.ReadAllTextAsync(h.DiskPath(ReleaseHarness.Root + "/" + path)));
            Assert.Equal(ReleaseHarness.Root + "/" + path, result.Files.Single(f => f.RelativePath == path).RemotePath);
        }

        var manifest = ReleaseManifest.Load(h.DiskPath(ReleaseHarness.Root));
        Assert.Equal(NamingMode.Original, manifest.Naming);
        Assert.Equal(result.ReleaseId, manifest.Id);
        Assert.All(manifest.Files, f => Assert.Equal(f.Path, f.RemotePath));
        Assert.Contains("\"naming\":\"original\"", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(h.DiskPath(result.ManifestPath!))));
    }

    [Fact]
    public async Task A_no_op_re_run_makes_no_put_at_all()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteApp(h);
        var first = await h.RunAsync(NamingMode.Original);
        h.Requests.Clear();

        var second = await h.RunAsync(NamingMode.Original);

        Assert.True(second.Succeeded);
        Assert.Equal(App.Count, second.SkipCount);
        Assert.Equal(0, h.Requests.Count("PUT"));
        Assert.Equal(first.ReleaseId, second.ReleaseId);
        Assert.False(second.ReleaseCreated);
    }

    [Fact]
    public async Task One_change_makes_exactly_one_file_put_and_a_new_release()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteApp(h);
        var first = await h.RunAsync(NamingMode.Original);
        h.Local.Write("App.dll", "MZ fake assembly v2", DateTime.UtcNow.AddMinutes(-5));
        h.Requests.Clear();

        var second = await h.RunAsync(NamingMode.Original);

        Assert.True(second.Succeeded);
        Assert.Equal(1, second.SuccessCount);
        Assert.Equal(1, h.UserFilePuts());
        Assert.Equal(1, h.Requests.Count("PUT", "/api/2.0/fs/files" + ReleaseHarness.Root + "/App.dll"));
        Assert.True(second.ReleaseCreated);
        Assert.NotEqual(first.ReleaseId, second.ReleaseId);
        Assert.Equal("MZ fake assembly v2", await File.ReadAllTextAsync(h.DiskPath(ReleaseHarness.Root + "/App.dll")));
        Assert.Equal(Sha(Encoding.UTF8.GetBytes("MZ fake assembly v2")), ReleaseManifest.Load(h.DiskPath(ReleaseHarness.Root)).Find("App.dll")!.Sha256);
    }

    [Fact]
    public async Task A_remote_file_overwritten_behind_the_manifest_with_the_same_size_is_uploaded_again()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteApp(h);
        await h.RunAsync(NamingMode.Original);
        await Task.Delay(50);
        var tampered = Encoding.UTF8.GetBytes("MZ fake assembly vX");
        Assert.Equal(App["App.dll"].Length, tampered.Length);
        await h.Emulator.Client.UploadAsync(ReleaseHarness.Root + "/App.dll", ClientAgainstEmulator.Content(tampered), tampered.Length, overwrite: true);
        h.Requests.Clear();

        var result = await h.RunAsync(NamingMode.Original);

        Assert.True(result.Succeeded);
        Assert.Equal(FileOutcome.Uploaded, result.Files.Single(f => f.RelativePath == "App.dll").Outcome);
        Assert.Equal(App.Count - 1, result.SkipCount);
        Assert.Equal(1, h.UserFilePuts());
        Assert.Equal(App["App.dll"], await File.ReadAllTextAsync(h.DiskPath(ReleaseHarness.Root + "/App.dll")));
        // The file set is what the manifest already says: no new release, but latest.json is rewritten so the
        // restored file is no longer newer than it, and the next run is a no-op again.
        Assert.False(result.ReleaseCreated);
        Assert.Equal(1, h.Requests.Count("PUT", "/api/2.0/fs/files" + ReleaseLayout.LatestPath(ReleaseHarness.Root)));
        h.Requests.Clear();
        var third = await h.RunAsync(NamingMode.Original);
        Assert.Equal(App.Count, third.SkipCount);
        Assert.Equal(0, h.Requests.Count("PUT"));
    }

    [Fact]
    public async Task Without_a_manifest_every_file_is_uploaded()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteApp(h);
        await h.RunAsync(NamingMode.Original);
        File.Delete(h.DiskPath(ReleaseLayout.LatestPath(ReleaseHarness.Root)));
        h.Requests.Clear();

        var result = await h.RunAsync(NamingMode.Original);

        Assert.Equal(App.Count, result.SuccessCount);
        Assert.Equal(App.Count, h.UserFilePuts());
        Assert.True(result.ReleaseCreated);
    }

    [Fact]
    public async Task A_dry_run_plans_with_the_manifest_and_writes_nothing()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteApp(h);
        await h.RunAsync(NamingMode.Original);
        h.Local.Write("App.pdb", "symbols changed", DateTime.UtcNow.AddMinutes(-5));
        h.Requests.Clear();

        var result = await h.RunAsync(NamingMode.Original, dryRun: true);

        Assert.Equal(1, result.WouldUploadCount);
        Assert.Equal(App.Count - 1, result.SkipCount);
        Assert.Equal(0, h.Requests.Count("PUT"));
    }

    [Fact]
    public async Task Switching_a_root_between_modes_is_refused_with_a_code_that_says_to_use_another_path()
    {
        await using var h = await ReleaseHarness.StartAsync();
        WriteApp(h);
        await h.RunAsync(NamingMode.Hashed);
        h.Requests.Clear();

        var toOriginal = await Assert.ThrowsAsync<VolSyncException>(() => h.RunAsync(NamingMode.Original));

        Assert.Equal("VOLSYNC1205", toOriginal.Code);
        Assert.Contains("--path", toOriginal.Message);
        Assert.Contains("--force", toOriginal.Message);
        Assert.Equal(0, h.Requests.Count("PUT"));

        var forced = await h.RunAsync(NamingMode.Original, force: true);

        Assert.True(forced.Succeeded);
        Assert.True(forced.ReleaseCreated);
        Assert.Equal(NamingMode.Original, ReleaseManifest.Load(h.DiskPath(ReleaseHarness.Root)).Naming);
        var back = await Assert.ThrowsAsync<VolSyncException>(() => h.RunAsync(NamingMode.Hashed));
        Assert.Equal("VOLSYNC1205", back.Code);
        Assert.Contains("original names", back.Message);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
