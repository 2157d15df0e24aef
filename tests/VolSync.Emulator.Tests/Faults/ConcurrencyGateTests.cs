using VolSync.Emulator.Faults;

namespace VolSync.Emulator.Tests.Faults;

public sealed class ConcurrencyGateTests
{
    [Fact]
    public void Takes_slots_up_to_the_limit_and_any_number_without_one()
    {
        var gate = new ConcurrencyGate();
        Assert.True(gate.TryEnter(2));
        Assert.True(gate.TryEnter(2));
        Assert.False(gate.TryEnter(2));
        gate.Exit();
        Assert.True(gate.TryEnter(2));
        Assert.Equal(2, gate.Count);

        var unlimited = new ConcurrencyGate();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(unlimited.TryEnter(0));
        }
    }

    [Fact]
    public async Task Requests_turned_away_from_a_full_gate_never_make_it_look_fuller()
    {
        // Counted in and out again, a request turned away would make the gate look fuller than it is for a moment,
        // and a request arriving then would be refused although its slot was free: a limit one lower than set.
        const int Max = 10;
        var gate = new ConcurrencyGate();
        for (var i = 0; i < Max; i++)
        {
            Assert.True(gate.TryEnter(Max));
        }

        using var stop = new CancellationTokenSource();
        var admitted = 0;
        long attempts = 0;
        var probes = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref attempts);
                if (gate.TryEnter(Max))
                {
                    Interlocked.Increment(ref admitted);
                    gate.Exit();
                }
            }
        })).ToArray();

        var highest = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Until the probes have tried often, however slowly the machine schedules them (bounded all the same).
        while (Interlocked.Read(ref attempts) < 2_000_000 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            highest = Math.Max(highest, gate.Count);
        }

        stop.Cancel();
        await Task.WhenAll(probes);
        Assert.Equal(0, admitted);
        Assert.Equal(Max, highest);
    }
}
