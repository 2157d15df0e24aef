using System.Diagnostics;
using System.Globalization;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// How parts and chunks are retried: up to <see cref="MaxAttempts"/> tries each for timeouts, throttling, server
/// errors and broken connections, with the client's backoff and within its retry budget per part. Only the
/// failing part is sent again; the others keep going.
/// </summary>
internal sealed class PartRetry(RetryPolicy policy, int maxAttempts)
{
    /// <summary>Expired URLs re-minted per part, as the SDKs allow; the count does not use up tries.</summary>
    public const int MaxRemints = 3;

    public int MaxAttempts { get; } = Math.Max(1, maxAttempts);

    public RetryPolicy Policy { get; } = policy;

    public Attempts Start(string filePath, string what, ISyncLogger logger) => new(this, filePath, what, logger);

    /// <summary>The tries of one part or chunk.</summary>
    internal sealed class Attempts(PartRetry retry, string filePath, string what, ISyncLogger logger)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _slept;

        public int Count { get; private set; }

        public int Remints { get; private set; }

        public void Next() => Count++;

        /// <summary>True when another fresh URL may be asked for.</summary>
        public bool MayRemint()
        {
            if (Remints >= MaxRemints)
            {
                return false;
            }

            Remints++;
            return true;
        }

        /// <summary>Waits before the next try (not at all for a straggler), or throws VOLSYNC1253 when tries or budget are used up.</summary>
        public async Task BackOffAsync(string failure, TimeSpan? retryAfter, bool immediately, CancellationToken cancellationToken)
        {
            var delay = immediately ? TimeSpan.Zero : retry.Policy.ComputeDelay(Count, retryAfter);
            var spent = _clock.Elapsed > _slept ? _clock.Elapsed : _slept;
            if (Count >= retry.MaxAttempts || !retry.Policy.FitsBudget(spent, delay))
            {
                var tried = string.Create(CultureInfo.InvariantCulture, $"{Count} attempt{(Count == 1 ? string.Empty : "s")} in {DatabricksApiException.FormatDuration(spent)}");
                throw DiagnosticCodes.CloudPartFailed.ToException(filePath, Capitalized(what), failure, tried);
            }

            logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"{what} of {filePath} failed ({failure}); retrying in {delay.TotalMilliseconds:0} ms (attempt {Count + 1})"));
            if (delay > TimeSpan.Zero)
            {
                await retry.Policy.Delay(delay, cancellationToken).ConfigureAwait(false);
                _slept += delay;
            }
        }

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
