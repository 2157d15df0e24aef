using System.Globalization;
using Spectre.Console;

namespace VolSync.Cli.Rendering;

/// <summary>
/// The terminal view of a sync: a Spectre progress display with one row per phase (scanning, hashing, listing,
/// uploading) showing files, bytes, speed and time left. Only used on an interactive terminal.
/// </summary>
internal static class LiveProgressView
{
    /// <param name="console">The terminal.</param>
    /// <param name="run">The sync, reporting to the view.</param>
    /// <param name="notices">Retry notices, shown in a row of their own while the view runs.</param>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IProgress<SyncProgress>, Task<T>> run, RetryNotices? notices = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var sink = new Sink(context);
                using (notices?.ShowIn(sink.Notice))
                {
                    var result = await run(sink).ConfigureAwait(false);
                    sink.Finish();
                    return result;
                }
            })
            .ConfigureAwait(false);
    }

    /// <summary>Turns engine reports into progress rows. ProgressTask and ProgressContext lock internally; the gate keeps row creation single.</summary>
    private sealed class Sink : IProgress<SyncProgress>
    {
        private readonly ProgressContext _context;
        private readonly object _gate = new();
        private readonly Dictionary<SyncPhase, ProgressTask> _rows = [];
        private ProgressTask? _notice;

        public Sink(ProgressContext context) => _context = context;

        public void Report(SyncProgress value)
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                var row = RowFor(value.Phase);
                if (row is null)
                {
                    return;
                }

                if (value.Phase is SyncPhase.Hashing or SyncPhase.Uploading)
                {
                    row.IsIndeterminate = false;
                    row.MaxValue = Math.Max(1, value.BytesTotal);
                    row.Value = Math.Min(row.MaxValue, value.BytesDone);
                    var verb = value.Phase == SyncPhase.Hashing ? "Hashing" : "Uploading";
                    row.Description = string.Create(CultureInfo.InvariantCulture, $"{verb} {value.FilesDone}/{value.FilesTotal} files");
                }
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                foreach (var row in _rows.Values)
                {
                    row.IsIndeterminate = false;
                    row.Value = row.MaxValue;
                    row.StopTask();
                }

                _notice?.StopTask();
            }
        }

        /// <summary>The latest retry notice, in a row of its own under the phases.</summary>
        public void Notice(string line)
        {
            lock (_gate)
            {
                var text = Markup.Escape(line);
                _notice ??= _context.AddTask(text, autoStart: true, maxValue: 1);
                _notice.IsIndeterminate = true;
                _notice.Description = text;
            }
        }

        private ProgressTask? RowFor(SyncPhase phase)
        {
            if (_rows.TryGetValue(phase, out var existing))
            {
                return existing;
            }

            var title = phase switch
            {
                SyncPhase.Discovering => "Scanning local files",
                SyncPhase.Hashing => "Hashing",
                SyncPhase.Listing => "Listing remote folders",
                SyncPhase.Uploading => "Uploading",
                _ => null,
            };
            if (title is null)
            {
                return null;
            }

            // A new phase means the earlier ones are done.
            foreach (var earlier in _rows.Values.Where(r => !r.IsFinished))
            {
                earlier.IsIndeterminate = false;
                earlier.Value = earlier.MaxValue;
                earlier.StopTask();
            }

            var row = _context.AddTask(title, autoStart: true, maxValue: 1);
            row.IsIndeterminate = phase is SyncPhase.Discovering or SyncPhase.Listing;
            _rows[phase] = row;
            return row;
        }
    }
}
