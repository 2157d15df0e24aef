namespace VolSync.Remote;

/// <summary>
/// The transfers a sync may have in flight (its concurrency budget), shared by whole-file PUTs and the parts of
/// large files, and the memory their part buffers may take. A part's slot carries the buffer the part is read
/// into; buffers are reused from slot to slot and never take more than the memory budget together (one buffer
/// is always allowed), so memory stays flat however large and however many the files are.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle is used, which this one never is.")]
public sealed class UploadSlots
{
    /// <summary>Four parts of the default 16 MiB: enough to keep a link busy, small enough to keep a build agent's memory.</summary>
    public const long DefaultBufferBudget = 64L * 1024 * 1024;

    private readonly SemaphoreSlim _gate;
    private readonly object _memory = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Ready)> _waiting = new();
    private readonly Stack<byte[]> _free = new();
    private long _reserved;

    public UploadSlots(int count, long bufferBudget = DefaultBufferBudget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferBudget);
        Count = count;
        BufferBudget = bufferBudget;
        _gate = new SemaphoreSlim(count, count);
    }

    /// <summary>Transfers allowed at once.</summary>
    public int Count { get; }

    /// <summary>Bytes of part buffers allowed at once.</summary>
    public long BufferBudget { get; }

    /// <summary>
    /// Waits for a free slot; with <paramref name="bufferBytes"/> &gt; 0 the slot holds a buffer at least that large.
    /// Memory is reserved before the slot is taken, so a part waiting for memory never keeps a small file waiting.
    /// </summary>
    internal async ValueTask<Slot> AcquireAsync(int bufferBytes, CancellationToken cancellationToken)
    {
        if (bufferBytes > 0)
        {
            await ReserveAsync(bufferBytes, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Unreserve(Math.Max(0, bufferBytes));
            throw;
        }

        return new Slot(this, bufferBytes > 0 ? TakeBuffer(bufferBytes) : null, Math.Max(0, bufferBytes));
    }

    private async ValueTask ReserveAsync(long bytes, CancellationToken cancellationToken)
    {
        LinkedListNode<(long Bytes, TaskCompletionSource Ready)> node;
        lock (_memory)
        {
            if (_waiting.Count == 0 && (_reserved == 0 || _reserved + bytes <= BufferBudget))
            {
                _reserved += bytes;
                return;
            }

            node = _waiting.AddLast((bytes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }

        using var registration = cancellationToken.Register(() =>
        {
            lock (_memory)
            {
                if (node.List is null)
                {
                    return;
                }

                _waiting.Remove(node);
            }

            node.Value.Ready.TrySetCanceled(cancellationToken);
        });
        await node.Value.Ready.Task.ConfigureAwait(false);
    }

    private void Unreserve(long bytes)
    {
        if (bytes == 0)
        {
            return;
        }

        var ready = new List<TaskCompletionSource>();
        lock (_memory)
        {
            _reserved -= bytes;
            // First come, first served: a large request at the head is not overtaken by smaller ones behind it.
            while (_waiting.First is { } first && (_reserved == 0 || _reserved + first.Value.Bytes <= BufferBudget))
            {
                _waiting.RemoveFirst();
                _reserved += first.Value.Bytes;
                ready.Add(first.Value.Ready);
            }
        }

        foreach (var waiter in ready)
        {
            waiter.TrySetResult();
        }
    }

    private byte[] TakeBuffer(int bytes)
    {
        lock (_free)
        {
            // A buffer too small for this part is dropped rather than kept: buffers never outgrow the budget.
            if (_free.TryPop(out var reused) && reused.Length >= bytes)
            {
                return reused;
            }
        }

        return GC.AllocateUninitializedArray<byte>(bytes);
    }

    private void Release(byte[]? buffer, long reserved)
    {
        if (buffer is not null)
        {
            lock (_free)
            {
                _free.Push(buffer);
            }
        }

        _gate.Release();
        Unreserve(reserved);
    }

    /// <summary>One transfer's right to run, and its buffer; dispose it when the transfer is over.</summary>
    internal sealed class Slot(UploadSlots owner, byte[]? buffer, long reserved) : IDisposable
    {
        private int _released;

        public byte[] Buffer => buffer ?? throw new InvalidOperationException("This slot was taken without a buffer.");

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(buffer, reserved);
            }
        }
    }
}
