namespace VolSync.Emulator.Faults;

/// <summary>
/// The limit on requests in flight. A request turned away never touches the count: counting it in and then out
/// again would let a request that arrives in between see one too many and be refused although a slot was free,
/// which the client reads as a limit one lower than the real one.
/// </summary>
internal sealed class ConcurrencyGate
{
    private int _count;

    /// <summary>Requests holding a slot now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Takes a slot when fewer than <paramref name="max"/> are taken (any number when 0); release it with <see cref="Exit"/>.</summary>
    public bool TryEnter(int max)
    {
        while (true)
        {
            var current = Volatile.Read(ref _count);
            if (max > 0 && current >= max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _count, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Exit() => Interlocked.Decrement(ref _count);
}
