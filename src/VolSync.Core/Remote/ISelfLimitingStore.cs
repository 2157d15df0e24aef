namespace VolSync.Remote;

/// <summary>
/// A store that caps its requests in flight itself (the Databricks client's host limiter). The engine then runs
/// more uploads at once than the cap, so a request waiting out a 429 leaves its slot to another file instead of
/// idling a worker; the cap on requests in flight is the store's, set from the sync's settings.
/// </summary>
internal interface ISelfLimitingStore
{
    /// <summary>Caps the store's requests in flight from now on (a limit already in place and equal is kept as it is).</summary>
    void LimitConcurrency(ConcurrencyLimit limit);
}
