using System.ComponentModel;
using System.Diagnostics;

namespace VolSync.Auth.Providers;

/// <summary>
/// Runs a credential helper (the databricks CLI, the Azure CLI) directly, never through a shell, so no argument is
/// ever interpreted; stdin is closed so a helper that wants to prompt fails instead of waiting.
/// </summary>
internal static class CredentialProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);

    /// <exception cref="CouldNotStartException">The executable could not be started.</exception>
    /// <exception cref="TimeoutException">It did not finish within <paramref name="timeout"/> (it was killed).</exception>
    public static async Task<Result> RunAsync(string path, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var started = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            throw new CouldNotStartException(ex);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException();
        }

        return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), Stopwatch.GetElapsedTime(started));
    }

    public sealed class CouldNotStartException(Exception inner) : Exception(inner.Message, inner);
}
