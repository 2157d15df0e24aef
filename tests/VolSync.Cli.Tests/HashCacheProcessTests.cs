using System.Diagnostics;
using System.Text.Json;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>
/// Issue 12 items 1 and 7, as users met them: the real tool, the real hash cache (under the tool's HOME), real
/// <c>cp -p</c> and <c>touch -r</c>, concurrent processes.
/// </summary>
public sealed class HashCacheProcessTests
{
    private const string Volume = "/Volumes/main/default/apps";

    [Fact]
    public async Task A_same_size_change_with_a_restored_modification_time_is_uploaded_by_the_next_sync()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("copied.txt", "old content 1"), ("touched.txt", "old content 2"), ("same.txt", "unchanged"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        await AgeAsync(local);
        Assert.Equal(0, (await tool.RunAsync("upload", local.Root, "--volume-path", Volume)).ExitCode);
        Assert.Contains(local.Sha256("copied.txt"), ReadCache(tool), StringComparison.Ordinal);

        // cp -p onto the file: new bytes of the same length, its old modification time restored.
        var staged = Path.Combine(tool.HomeDirectory, "staged.txt");
        await File.WriteAllTextAsync(staged, "NEW content 1");
        await ShAsync($"touch -r '{local.Root}/copied.txt' '{staged}' && cp -p '{staged}' '{local.Root}/copied.txt'");
        // An editor or build step rewrites the file, then touch -r puts the time back.
        await ShAsync($"cp -p '{local.Root}/touched.txt' '{tool.HomeDirectory}/ref' && printf 'NEW content 2' > '{local.Root}/touched.txt' && touch -r '{tool.HomeDirectory}/ref' '{local.Root}/touched.txt'");
        Assert.Equal(new FileInfo(staged).LastWriteTimeUtc, new FileInfo(Path.Combine(local.Root, "copied.txt")).LastWriteTimeUtc);

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"uploaded:\s+2 files", run.StdOut);
        var remote = emulator.FilesIn("main", "default", "apps");
        Assert.Contains(local.RemoteName("copied.txt"), remote);
        Assert.Contains(local.RemoteName("touched.txt"), remote);
        Assert.Equal("NEW content 1", await File.ReadAllTextAsync(Path.Combine(emulator.VolumeDirectory("main", "default", "apps"), local.RemoteName("copied.txt"))));
    }

    [Fact]
    public async Task A_wrong_cached_hash_is_healed_in_the_same_run_force_rehashes_and_no_cache_ignores_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("app.dll", "the real bytes"), ("other.txt", "fine"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        await AgeAsync(local);
        Assert.Equal(0, (await tool.RunAsync("upload", local.Root, "--volume-path", Volume)).ExitCode);
        // A stale entry that still matches its file's stamps (as on a system that reports no inode or change time).
        var wrong = new string('0', 64);
        var truth = local.Sha256("app.dll");
        TamperCache(tool, truth, wrong);

        var dryForced = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--path", "v2", "--force", "--dry-run", "--json");
        var dryNoCache = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--path", "v2", "--no-cache", "--dry-run", "--json");
        var toNewTarget = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--path", "v2", "--json");
        var again = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--path", "v3", "--json");

        Assert.Equal(truth, Sha256Of(dryForced, "app.dll"));
        Assert.Equal(truth, Sha256Of(dryNoCache, "app.dll"));
        Assert.True(toNewTarget.ExitCode == 0, toNewTarget.ToString());
        Assert.Equal(truth, Sha256Of(toNewTarget, "app.dll"));
        Assert.Contains("v2/" + local.RemoteName("app.dll"), emulator.FilesIn("main", "default", "apps"));
        Assert.DoesNotContain(emulator.FilesIn("main", "default", "apps"), f => f.Contains(wrong[..16], StringComparison.Ordinal));
        // The entry was corrected: the next run to yet another target needs no healing.
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain(wrong, ReadCache(tool), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_cache_writes_no_cache_file()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--no-cache");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(Directory.Exists(CacheDirectory(tool)) && Directory.EnumerateFiles(CacheDirectory(tool)).Any(), "no cache file");
    }

    [Fact]
    public async Task Concurrent_runs_on_one_tree_keep_every_runs_cache_entries()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree();
        var small = new List<string>();
        for (var part = 0; part < 3; part++)
        {
            for (var i = 0; i < 40; i++)
            {
                var relative = $"part{part}/f{i:00}.txt";
                local.Write(relative, $"part {part} file {i}");
                small.Add(relative);
            }
        }

        // A sparse file takes a while to hash but uses no disk. The remote already holds it (a sparse file of the
        // same size under its hashed name), so the slow run uploads nothing: it loads the cache, hashes for a
        // while, and saves after the quick runs, which load while it hashes.
        const long SparseSize = 1L << 30;
        Directory.CreateDirectory(Path.Combine(local.Root, "big"));
        await ShAsync($"truncate -s {SparseSize} '{local.Root}/big/sparse.bin'");
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        var remoteBig = Path.Combine(emulator.VolumeDirectory("main", "default", "apps"), "big", $"sparse_{ZerosSha256(SparseSize)[..16]}.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(remoteBig)!);
        await ShAsync($"truncate -s {SparseSize} '{remoteBig}'");
        await AgeAsync(local);

        using var slowRun = tool.Start(["upload", local.Root, "--volume-path", Volume, "--pattern", "big/**"]);
        var slowErr = slowRun.StandardError.ReadToEndAsync();
        var slowOut = new System.Text.StringBuilder();
        while (await slowRun.StandardOutput.ReadLineAsync() is { } line)
        {
            slowOut.AppendLine(line);
            if (line.StartsWith("Hashing", StringComparison.Ordinal))
            {
                break;
            }
        }

        var slowRest = slowRun.StandardOutput.ReadToEndAsync();
        var quick = await Task.WhenAll(Enumerable.Range(0, 3).Select(part =>
            tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--pattern", $"part{part}/**")));
        await slowRun.WaitForExitAsync();
        slowOut.Append(await slowRest).Append(await slowErr);

        Assert.All(quick, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.True(slowRun.ExitCode == 0, slowOut.ToString());
        Assert.Contains("skipped:      1 file", slowOut.ToString(), StringComparison.Ordinal);
        var cache = ReadCache(tool);
        var lost = small.Where(f => !cache.Contains(local.Sha256(f), StringComparison.Ordinal)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {small.Count} entries lost: {string.Join(", ", lost.Take(5))}");
        Assert.Contains(ZerosSha256(SparseSize), cache, StringComparison.Ordinal);
    }

    /// <summary>The hash cache trusts only files whose modification and status-change times are 2 s old.</summary>
    private static async Task AgeAsync(LocalTree local)
    {
        foreach (var file in Directory.EnumerateFiles(local.Root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
    }

    private static string ZerosSha256(long length)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var zeros = new byte[1 << 20];
        for (long done = 0; done < length; done += zeros.Length)
        {
            sha.AppendData(zeros);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string CacheDirectory(VolsyncTool tool) => Path.Combine(tool.HomeDirectory, ".local", "share", "volsync", "hash-cache");

    private static string ReadCache(VolsyncTool tool)
    {
        var file = Assert.Single(Directory.GetFiles(CacheDirectory(tool), "*.json"));
        return File.ReadAllText(file);
    }

    private static void TamperCache(VolsyncTool tool, string from, string to)
    {
        var file = Assert.Single(Directory.GetFiles(CacheDirectory(tool), "*.json"));
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static string? Sha256Of(ToolRun run, string relativePath)
    {
        using var document = JsonDocument.Parse(run.StdOut);
        return document.RootElement.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("relativePath").GetString() == relativePath)
            .GetProperty("sha256").GetString();
    }

    private static async Task ShAsync(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { UseShellExecute = false, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{script}: {error}");
    }
}
