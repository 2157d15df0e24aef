using VolSync.Cli.Rendering;
using VolSync.Diagnostics;

namespace VolSync.Cli.Commands;

/// <summary>
/// Runs a command's body and turns whatever stops it into the SPEC §4 exit code and one error line (plus the
/// JSON error document with <c>--json</c>): coded errors → 2, cancellation → 130, anything else → 2 as a bug report.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(bool json, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(json, DiagnosticCodes.Cancelled.ToException(), ExitCodes.Cancelled);
        }
        catch (VolSyncException exception)
        {
            return Fail(json, exception, ExitCodes.SetupError);
        }
        catch (Exception exception)
        {
            var wrapped = DiagnosticCodes.UnexpectedError.ToException(exception, exception.GetType().Name, exception.Message.TrimEnd('.'), "the command you ran and the output of --verbose");
            return Fail(json, wrapped, ExitCodes.SetupError);
        }
    }

    private static int Fail(bool json, VolSyncException exception, int exitCode)
    {
        ErrorReporter.Error(exception);
        if (json)
        {
            JsonResultWriter.WriteError(Console.Out, exception.Diagnostics, exitCode);
        }

        return exitCode;
    }
}
