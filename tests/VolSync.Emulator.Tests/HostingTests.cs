namespace VolSync.Emulator.Tests;

/// <summary>How the emulator sits on a machine where test suites start hundreds of them, many at once.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task An_emulator_watches_no_files_so_many_at_once_do_not_exhaust_inotify()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // inotify is Linux's; elsewhere there is no such per-user limit to run into.
        }

        var before = InotifyInstances();
        var servers = new List<EmulatorServer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                servers.Add(await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = TestEmulator.NewRoot() }));
            }

            Assert.True(InotifyInstances() <= before, $"three emulators took inotify instances: {before} before, {InotifyInstances()} now");
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static int InotifyInstances() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(f => f.LinkTarget == "anon_inode:inotify");
}
