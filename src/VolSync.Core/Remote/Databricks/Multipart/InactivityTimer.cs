namespace VolSync.Remote.Databricks.Multipart;

/// <summary>Cancels an attempt when no byte has moved for the inactivity timeout; every bit of progress pushes it back.</summary>
internal sealed class InactivityTimer(CancellationTokenSource attempt, TimeSpan inactivity)
{
    public void Touch()
    {
        if (inactivity <= TimeSpan.Zero || inactivity == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        try
        {
            attempt.CancelAfter(inactivity);
        }
        catch (ObjectDisposedException)
        {
            // The attempt is over; nothing left to time.
        }
    }
}
