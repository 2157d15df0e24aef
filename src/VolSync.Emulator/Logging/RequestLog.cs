namespace VolSync.Emulator;

/// <summary>
/// The requests the emulator answered, in completion order; thread-safe, for tests to count and inspect. With a
/// capacity only the most recent ones are kept (see <see cref="EmulatorOptions.RequestLogCapacity"/>).
/// </summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly int? _capacity;

    /// <summary>A log that keeps every request (null) or the most recent <paramref name="capacity"/>.</summary>
    public RequestLog(int? capacity = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity ?? 0, nameof(capacity));
        _capacity = capacity;
    }

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
        if (_capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            _requests.Enqueue(request);
            if (_requests.Count > _capacity)
            {
                _requests.Dequeue();
            }
        }
    }
}
