namespace VolSync.Remote.Databricks;

/// <summary>
/// The one gate every request to a host passes, shared by all of a run's requests to it (listing, uploads,
/// deletes, downloads, token requests): at most <see cref="AdaptiveWindow.Slots"/> in flight, handed out in arrival
/// order; a throttled request gives its slot back before it waits out its <c>Retry-After</c>, so the others keep
/// the pipe full; and a storm of 429s (<see cref="StormDetector"/>) pauses every request for the wait.
/// Thread-safe; all state changes happen under one lock.
/// </summary>
internal sealed class HostLimiter
{
    private readonly object _gate = new();
    private AdaptiveWindow _window;
    private readonly StormDetector _storm = new();
    private readonly HostHealth _health = new();
    private readonly LinkedList<TaskCompletionSource<RequestSlot>> _waiters = new();
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private int _inFlight;
    private bool _paused;

    public HostLimiter(string host, ConcurrencyLimit limit, Func<TimeSpan, CancellationToken, Task> delay)
    {
        Host = host;
        Limit = limit;
        _window = new AdaptiveWindow(limit);
        _delay = delay;
    }

    /// <summary><c>scheme://host[:port]</c>.</summary>
    public string Host { get; }

    public ConcurrencyLimit Limit { get; private set; }

    /// <summary>Test hook: called under the lock after every change of the window, with the new value.</summary>
    internal Action<double>? WindowChanged { get; set; }

    internal int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    internal int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    internal int Slots
    {
        get
        {
            lock (_gate)
            {
                return _window.Slots;
            }
        }
    }

    internal bool Paused
    {
        get
        {
            lock (_gate)
            {
                return _paused;
            }
        }
    }

    /// <summary>See <see cref="HostHealth.Outage"/>.</summary>
    public TimeSpan Outage
    {
        get
        {
            lock (_gate)
            {
                return _health.Outage;
            }
        }
    }

    /// <summary>See <see cref="HostHealth.FailureStreak"/>.</summary>
    public int FailureStreak
    {
        get
        {
            lock (_gate)
            {
                return _health.FailureStreak;
            }
        }
    }

    /// <summary>Starts over with <paramref name="limit"/> unless it is the limit already in place.</summary>
    public void Reconfigure(ConcurrencyLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_gate)
        {
            if (limit == Limit)
            {
                return;
            }

            Limit = limit;
            _window = new AdaptiveWindow(limit);
            WindowChanged?.Invoke(_window.Value);
            Pump();
        }
    }

    /// <summary>Waits for a slot (and for a pause to end). The slot must be disposed; report the outcome on it first.</summary>
    public ValueTask<RequestSlot> AcquireAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource<RequestSlot> waiter;
        LinkedListNode<TaskCompletionSource<RequestSlot>> node;
        lock (_gate)
        {
            if (!_paused && _waiters.Count == 0 && _inFlight < _window.Slots)
            {
                return new ValueTask<RequestSlot>(Grant());
            }

            waiter = new TaskCompletionSource<RequestSlot>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        return new ValueTask<RequestSlot>(WaitAsync(node, cancellationToken));
    }

    private async Task<RequestSlot> WaitAsync(LinkedListNode<TaskCompletionSource<RequestSlot>> node, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() =>
        {
            bool removed;
            lock (_gate)
            {
                removed = node.List is not null;
                if (removed)
                {
                    _waiters.Remove(node);
                }
            }

            if (removed)
            {
                node.Value.TrySetCanceled(cancellationToken);
            }
        });
        return await node.Value.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Pauses every request to the host for <paramref name="duration"/>: slots are handed out again when it ends.
    /// Requests already in flight finish; a pause in progress is not extended.
    /// </summary>
    public void Pause(TimeSpan duration)
    {
        lock (_gate)
        {
            if (_paused)
            {
                return;
            }

            _paused = true;
        }

        _ = ResumeAfterAsync(duration);
    }

    private async Task ResumeAfterAsync(TimeSpan duration)
    {
        try
        {
            await _delay(duration, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _paused = false;
                Pump();
            }
        }
    }

    internal void OnAnswered(RequestSlot slot, TimeSpan? latency)
    {
        lock (_gate)
        {
            _health.OnAnswered(throttled: false);
            _storm.Record(tooManyRequests: false);
            _window.OnAnswered(slot.InFlightAtStart, slot.Round, latency, windowBound: _waiters.Count > 0 || _inFlight >= _window.Slots);
            WindowChanged?.Invoke(_window.Value);
        }
    }

    /// <returns>True when this throttle makes a storm: the caller then pauses the host for its own wait.</returns>
    internal bool OnThrottled(RequestSlot slot, bool tooManyRequests)
    {
        lock (_gate)
        {
            _health.OnAnswered(throttled: true);
            var storm = _storm.Record(tooManyRequests);
            _window.OnThrottled(slot.Round, RecordedLevel(slot));
            WindowChanged?.Invoke(_window.Value);
            return storm;
        }
    }

    /// <summary>
    /// The concurrency a throttle is counted at. Requests granted after this one may have reached the host before
    /// it, so the concurrency it met is the most that were in flight while it was, not the count when it was granted.
    /// </summary>
    internal int RecordedLevel(RequestSlot slot)
    {
        lock (_gate)
        {
            return Math.Max(slot.InFlightAtStart, _inFlight);
        }
    }

    /// <returns>True when the host has refused every connection since the run began and the run should stop.</returns>
    internal bool OnConnectionFailure(bool beforeAnyByte)
    {
        lock (_gate)
        {
            return _health.OnConnectionFailure(beforeAnyByte);
        }
    }

    internal (int Count, TimeSpan Within) FastFailures
    {
        get
        {
            lock (_gate)
            {
                return (_health.FastFailures, _health.SinceFirstFastFailure);
            }
        }
    }

    internal void Release()
    {
        lock (_gate)
        {
            _inFlight--;
            Pump();
        }
    }

    private RequestSlot Grant()
    {
        _inFlight++;
        return new RequestSlot(this, _window.Round, _inFlight);
    }

    // Under the lock: hands free slots to the longest waiting requests.
    private void Pump()
    {
        while (!_paused && _inFlight < _window.Slots && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            var slot = Grant();
            if (!first.Value.TrySetResult(slot))
            {
                _inFlight--;
            }
        }
    }
}
