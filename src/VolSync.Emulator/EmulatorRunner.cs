using System.Runtime.InteropServices;

namespace VolSync.Emulator;

/// <summary>
/// Runs the emulator in the foreground the way the standalone program does, so <c>volsync emulator</c> behaves
/// identically: prints <c>VolSync emulator listening on http://127.0.0.1:&lt;port&gt;</c> as the first line,
/// then serves until SIGINT/SIGTERM or <paramref name="stop"/>.
/// </summary>
public static class EmulatorRunner
{
    /// <summary>The text before the address on the first output line.</summary>
    public const string ListeningPrefix = "VolSync emulator listening on ";

    /// <summary>Serves until cancelled or signalled; returns the process exit code (0).</summary>
    public static async Task<int> RunAsync(EmulatorOptions options, TextWriter output, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var server = await EmulatorServer.StartAsync(options, logWarningsToStandardError: true, CancellationToken.None).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            await output.WriteLineAsync(ListeningPrefix + server.BaseUri.ToString().TrimEnd('/')).ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGINT, SIGTERM or the caller's token: shut down cleanly.
            }
        }

        return 0;
    }
}
