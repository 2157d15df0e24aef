namespace VolSync.Emulator.Tests;

/// <summary>
/// A server holds no file watcher: on Linux each costs an inotify instance, a per-user limit (128 by default) that
/// parallel test processes starting many servers used to exhaust ("The configured user limit (128) on the number
/// of inotify instances has been reached").
/// </summary>
public sealed class FileWatcherTests
{
    [Fact]
    public async Task Starting_servers_opens_no_inotify_instance()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var before = InotifyInstances();
        var servers = new List<TestEmulator>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                servers.Add(await TestEmulator.StartAsync());
            }

            // Other tests of this process may start servers meanwhile; with watchers, four of ours alone add four.
            Assert.True(InotifyInstances() - before < servers.Count, $"inotify instances: {before} before, {InotifyInstances()} with {servers.Count} servers");
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
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd =>
        {
            try
            {
                return fd.LinkTarget == "anon_inode:inotify";
            }
            catch (IOException)
            {
                // The descriptor closed while we looked.
                return false;
            }
        });
}
