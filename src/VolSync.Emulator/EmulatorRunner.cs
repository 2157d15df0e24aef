using System.Runtime.InteropServices;

namespace VolSync.Emulator;

/// <summary>
/// Runs the emulator in the foreground, for the standalone program and <c>volsync emulator</c> alike: prints
/// <c>VolSync emulator listening on http://127.0.0.1:&lt;port&gt;</c> as the first line of <c>output</c>, says
/// where files are stored on <c>messages</c>, then serves until SIGINT/SIGTERM or <c>stop</c>. A temporary
/// root (no <c>--root</c>) is deleted on exit.
/// </summary>
public static class EmulatorRunner
{
    /// <summary>The text before the address on the first output line.</summary>
    public const string ListeningPrefix = "VolSync emulator listening on ";

    /// <summary>
    /// Serves until cancelled or signalled; returns the process exit code (0). A root that cannot be used or a port
    /// that is taken throws a coded <see cref="Diagnostics.VolSyncException"/>.
    /// </summary>
    public static Task<int> RunAsync(EmulatorOptions options, TextWriter output, CancellationToken stop = default) =>
        RunAsync(options, output, messages: null, stop);

    /// <inheritdoc cref="RunAsync(EmulatorOptions, TextWriter, CancellationToken)"/>
    public static async Task<int> RunAsync(EmulatorOptions options, TextWriter output, TextWriter? messages, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        messages ??= Console.Error;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        try
        {
            var server = await EmulatorServer.StartAsync(options, logWarningsToStandardError: true, CancellationToken.None).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                await output.WriteLineAsync(ListeningPrefix + server.BaseUri.ToString().TrimEnd('/')).ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                await messages.WriteLineAsync(options.DeleteRootOnStop
                    ? $"Storing files in {options.RootDirectory} (temporary, deleted on exit; pass --root DIR to keep them). Press Ctrl+C to stop."
                    : $"Storing files in {Path.GetFullPath(options.RootDirectory)}. Press Ctrl+C to stop.").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // SIGINT, SIGTERM or the caller's token: shut down cleanly.
                }
            }

            await messages.WriteLineAsync("Emulator stopped.").ConfigureAwait(false);
        }
        finally
        {
            if (options.DeleteRootOnStop)
            {
                TryDelete(options.RootDirectory, messages);
            }
        }

        return 0;
    }

    private static void TryDelete(string directory, TextWriter messages)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            messages.WriteLine($"warning: could not delete the temporary emulator folder {directory}: {exception.Message}");
        }
    }
}
