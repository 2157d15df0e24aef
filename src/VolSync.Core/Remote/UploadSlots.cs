namespace VolSync.Remote;

/// <summary>
/// The transfers a sync may have in flight (its concurrency budget), shared by whole-file PUTs and the parts of
/// large files. A part's slot carries the buffer the part is read into, so memory stays at most one part per slot
/// however large the files are; buffers are reused from slot to slot.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle is used, which this one never is.")]
public sealed class UploadSlots
{
    private readonly SemaphoreSlim _gate;
    private readonly Stack<byte[]> _free = new();

    public UploadSlots(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _gate = new SemaphoreSlim(count, count);
    }

    /// <summary>Transfers allowed at once.</summary>
    public int Count { get; }

    /// <summary>Waits for a free slot; with <paramref name="bufferBytes"/> &gt; 0 the slot holds a buffer at least that large.</summary>
    internal async ValueTask<Slot> AcquireAsync(int bufferBytes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (bufferBytes <= 0)
        {
            return new Slot(this, null);
        }

        byte[]? buffer = null;
        lock (_free)
        {
            // A buffer too small for this part is dropped rather than kept: at most Count buffers ever exist.
            if (_free.TryPop(out var reused) && reused.Length >= bufferBytes)
            {
                buffer = reused;
            }
        }

        return new Slot(this, buffer ?? GC.AllocateUninitializedArray<byte>(bufferBytes));
    }

    private void Release(byte[]? buffer)
    {
        if (buffer is not null)
        {
            lock (_free)
            {
                _free.Push(buffer);
            }
        }

        _gate.Release();
    }

    /// <summary>One transfer's right to run, and its buffer; dispose it when the transfer is over.</summary>
    internal sealed class Slot(UploadSlots owner, byte[]? buffer) : IDisposable
    {
        private int _released;

        public byte[] Buffer => buffer ?? throw new InvalidOperationException("This slot was taken without a buffer.");

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(buffer);
            }
        }
    }
}
