namespace VolSync.Emulator;

/// <summary>
/// The requests the emulator answered, in the order their answers began (or their connections were cut); thread-safe,
/// for tests to count and inspect. A request is in the log by the time its client has the answer or saw the cut. With
/// a capacity only the most recent ones are kept (see <see cref="EmulatorOptions.RequestLogCapacity"/>).
/// </summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly Queue<Entry> _requests = new();
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
            return [.. _requests.Select(e => e.Request)];
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
            return _requests.Select(e => e.Request).Count(r =>
                (method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) &&
                (pathPrefix is null || r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)));
        }
    }

    /// <summary>Adds a request; its entry can be brought up to date later (null when the log keeps nothing).</summary>
    internal Entry? Add(RecordedRequest request)
    {
        if (_capacity == 0)
        {
            return null;
        }

        var entry = new Entry(this, request);
        lock (_gate)
        {
            _requests.Enqueue(entry);
            if (_requests.Count > _capacity)
            {
                _requests.Dequeue();
            }
        }

        return entry;
    }

    /// <summary>One request's place in the log.</summary>
    internal sealed class Entry(RequestLog log, RecordedRequest request)
    {
        public RecordedRequest Request { get; private set; } = request;

        public void Update(RecordedRequest request)
        {
            lock (log._gate)
            {
                Request = request;
            }
        }
    }
}
