namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// Spots a part far slower than its siblings (a bad connection, a slow storage node): once a few parts have
/// landed, an attempt that takes longer than three times the recent 95th percentile, and at least the floor, is cut
/// and sent again on a fresh connection. Before that there is no deadline: a slow link must not be mistaken for a
/// straggler, and a part that really stalls is cut by the inactivity timer anyway.
/// </summary>
internal sealed class StragglerGuard(TimeSpan floor, int warmup = 4, int window = 64)
{
    private readonly Queue<TimeSpan> _recent = new();

    public void Record(TimeSpan took)
    {
        lock (_recent)
        {
            _recent.Enqueue(took);
            if (_recent.Count > window)
            {
                _recent.Dequeue();
            }
        }
    }

    /// <summary>The longest an attempt may take now, or null while too few parts have landed to judge.</summary>
    public TimeSpan? Deadline
    {
        get
        {
            TimeSpan[] sorted;
            lock (_recent)
            {
                if (_recent.Count < warmup)
                {
                    return null;
                }

                sorted = [.. _recent];
            }

            Array.Sort(sorted);
            var p95 = sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1];
            var limit = p95 * 3;
            return limit > floor ? limit : floor;
        }
    }
}
