namespace VolSync.Remote.Databricks;

/// <summary>An attempt's cancellation: the caller's token plus an inactivity timer that progress pushes back.</summary>
internal sealed class AttemptContext(CancellationTokenSource source, TimeSpan inactivity)
{
    public CancellationToken Token => source.Token;

    public void Touch()
    {
        if (inactivity <= TimeSpan.Zero || inactivity == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        try
        {
            source.CancelAfter(inactivity);
        }
        catch (ObjectDisposedException)
        {
            // The attempt is over; nothing left to time.
        }
    }
}
