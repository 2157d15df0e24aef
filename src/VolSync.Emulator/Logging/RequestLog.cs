namespace VolSync.Emulator;

/// <summary>Every request the emulator answered, in completion order; thread-safe, for tests to count and inspect.</summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    /// <summary>A copy of the requests recorded so far.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    /// <summary>Forgets every recorded request.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Requests with this method (any when null) whose decoded path starts with <paramref name="pathPrefix"/> (any when null).</summary>
    public int Count(string? method = null, string? pathPrefix = null)
    {
        lock (_gate)
        {
            return _requests.Count(r =>
                (method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) &&
                (pathPrefix is null || r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)));
        }
    }

    internal void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }
}
