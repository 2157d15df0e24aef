using VolSync.Diagnostics;

namespace VolSync.Releases;

/// <summary>
/// Whole-file retries for downloads: the client retries a request until its response starts, but a connection cut
/// in the middle of a body surfaces while the caller reads. Such a file is read again from the start, a few times.
/// </summary>
internal static class DownloadRetry
{
    public const int MaxAttempts = 3;

    public static async Task<T> RunAsync<T>(string remotePath, Func<int, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(number, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                if (number == MaxAttempts)
                {
                    throw DiagnosticCodes.ReleaseFileDownloadFailed.ToException(ex, remotePath, number, ex.Message.TrimEnd('.') + ".");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * number), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
