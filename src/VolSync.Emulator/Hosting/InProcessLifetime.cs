using Microsoft.Extensions.Hosting;

namespace VolSync.Emulator.Hosting;

/// <summary>
/// Keeps the host from installing Ctrl+C/SIGTERM handlers: an in-process emulator lives inside a test
/// run, and the standalone program handles signals itself.
/// </summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
