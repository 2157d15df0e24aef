using System.Diagnostics;
using System.Text;

namespace VolSync.Emulator.Tests;

/// <summary>Issue 12 item 10: nothing a killed emulator leaves behind lives forever, and a process's request log stays bounded.</summary>
public sealed class HygieneTests
{
    private static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "VolSync.Emulator.dll");

    [Fact]
    public async Task A_started_emulator_process_deletes_the_upload_temp_files_a_killed_one_left()
    {
        var root = TestEmulator.NewRoot();
        var volume = Path.Combine(root, "Volumes", "main", "default", "vol");
        Directory.CreateDirectory(Path.Combine(volume, "sub"));
        var stale = new[]
        {
            Path.Combine(volume, ".volsync-upload-0123456789abcdef0123456789abcdef.tmp"),
            Path.Combine(volume, "sub", ".volsync-upload-fedcba9876543210fedcba9876543210.tmp"),
        };
        foreach (var file in stale)
        {
            File.WriteAllText(file, "half an upload");
        }

        var kept = Path.Combine(volume, "sub", "real_0123456789abcdef.txt");
        File.WriteAllText(kept, "a real file");

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var arg in new[] { EmulatorDll, "--root", root, "--port", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.StartsWith(EmulatorRunner.ListeningPrefix, line, StringComparison.Ordinal);

            Assert.All(stale, f => Assert.False(File.Exists(f), f));
            Assert.True(File.Exists(kept));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_command_line_keeps_no_request_log_since_no_one_can_read_a_process_log()
    {
        var options = EmulatorCommandLine.Parse(["--root", "/tmp/x"]);

        Assert.Equal(0, options.RequestLogCapacity);
    }

    [Fact]
    public async Task A_capped_request_log_keeps_only_the_most_recent_requests()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequestLogCapacity = 2 });
        await emu.PutAsync("a.txt", "a");
        await emu.PutAsync("b.txt", "b");
        await emu.PutAsync("c.txt", "c");

        var requests = emu.Server.Requests.Snapshot();
        Assert.Equal(2, requests.Count);
        Assert.EndsWith("/b.txt", requests[0].Path, StringComparison.Ordinal);
        Assert.EndsWith("/c.txt", requests[1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_log_with_capacity_0_records_nothing()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequestLogCapacity = 0 });
        await emu.PutAsync("a.txt", "a");

        Assert.Empty(emu.Server.Requests.Snapshot());
        Assert.Equal(0, emu.Server.Requests.Count());
    }
}
