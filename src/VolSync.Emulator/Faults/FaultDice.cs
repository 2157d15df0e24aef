namespace VolSync.Emulator.Faults;

/// <summary>The one seeded random source of every fault choice, so a seed reproduces a whole run.</summary>
internal sealed class FaultDice
{
    private readonly Random _random;
    private readonly object _gate = new();

    public FaultDice(EmulatorOptions options) => _random = options.Seed is { } seed ? new Random(seed) : new Random();

    public double Roll()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    /// <summary>True with probability <paramref name="share"/>; never rolls (so never shifts the sequence) when it is 0.</summary>
    public bool Chance(double share) => share > 0 && Roll() < share;
}
