using System.Collections.Concurrent;

namespace VolSync.Core.Tests.Engine;

public sealed class PeriodicProgressTests
{
    private static SyncProgress At(SyncPhase phase, int done, int total) => new(phase, done, total, 0, 0, null, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ticks_the_latest_snapshot_on_a_timer_while_a_long_phase_has_files_left()
    {
        var ticks = new ConcurrentQueue<SyncProgress>();
        var phases = new List<SyncPhase>();
        using (var cadence = new PeriodicProgress(TimeSpan.FromMilliseconds(40), ticks.Enqueue, (p, newPhase) =>
        {
            if (newPhase)
            {
                phases.Add(p.Phase);
            }
        }))
        {
            cadence.Report(At(SyncPhase.Discovering, 0, 0));
            await Task.Delay(150);
            Assert.Empty(ticks); // scanning is not a phase with status lines

            cadence.Report(At(SyncPhase.Uploading, 0, 2));
            cadence.Report(At(SyncPhase.Uploading, 1, 2));
            await Task.Delay(300);
            Assert.True(ticks.Count >= 2, $"{ticks.Count} ticks");
            Assert.All(ticks, t => Assert.Equal(1, t.FilesDone));

            cadence.Report(At(SyncPhase.Uploading, 2, 2));
            await Task.Delay(100);
            var whenDone = ticks.Count;
            await Task.Delay(200);
            Assert.Equal(whenDone, ticks.Count); // nothing left in the phase: no more lines
        }

        var afterDispose = ticks.Count;
        await Task.Delay(150);
        Assert.Equal(afterDispose, ticks.Count);
        Assert.Equal([SyncPhase.Discovering, SyncPhase.Uploading], phases);
    }

    [Fact]
    public void A_zero_interval_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicProgress(TimeSpan.Zero, _ => { }));
}
