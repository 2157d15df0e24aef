using Spectre.Console;
using Spectre.Console.Rendering;
using VolSync.Diagnostics;

namespace VolSync.Cli.Rendering;

/// <summary>
/// The terminal view of a sync: one Spectre progress row per phase (scanning, hashing, listing, uploading) with
/// a bar and the figures that phase has: files and bytes done, files/s, bytes/s and time left while hashing or
/// uploading; folders while listing; nothing but a tick while scanning. A phase with nothing to do says so
/// instead of showing an empty bar. Retry notices (<see cref="RetryNotices"/>) get a row of their own under the
/// phases while the view runs. Only used on an interactive terminal.
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
        // The bar gives way on narrow terminals so a row's figures stay on one line.
        var barWidth = Math.Clamp(console.Profile.Width - 90, 10, 40);
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn { Width = barWidth },
                new FiguresColumn(),
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

    /// <summary>The figures of one row, rebuilt on every report (the column only reads them).</summary>
    private sealed class Row
    {
        public string Figures { get; set; } = string.Empty;
    }

    /// <summary>Renders a row's <see cref="Row.Figures"/>: the text beside the bar.</summary>
    private sealed class FiguresColumn : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Tag is Row row ? row.Figures : string.Empty);
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
                if (value.Phase == SyncPhase.Completed)
                {
                    FinishAll();
                    return;
                }

                var row = RowFor(value.Phase);
                if (row is not null)
                {
                    Update(row, value);
                }
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                FinishAll();
                _notice?.StopTask();
            }
        }

        /// <summary>The latest retry notice, in a row of its own under the phases (never finished by a new phase).</summary>
        public void Notice(string line)
        {
            lock (_gate)
            {
                var text = HumanOutput.Cell(line);
                _notice ??= _context.AddTask(text, autoStart: true, maxValue: 1);
                _notice.IsIndeterminate = true;
                _notice.Description = text;
            }
        }

        private static void Update(ProgressTask row, SyncProgress value)
        {
            var figures = (Row)row.Tag!;
            switch (value.Phase)
            {
                case SyncPhase.Hashing or SyncPhase.Uploading when value.FilesTotal == 0:
                    row.Description = value.Phase == SyncPhase.Hashing ? "Hashing: nothing to hash (cached)" : "Uploading: nothing to upload";
                    Complete(row);
                    break;
                case SyncPhase.Hashing or SyncPhase.Uploading:
                    row.IsIndeterminate = false;
                    row.MaxValue = Math.Max(1, value.BytesTotal);
                    row.Value = Math.Min(row.MaxValue, value.BytesDone);
                    row.Description = Markup.Escape($"{(value.Phase == SyncPhase.Hashing ? "Hashing" : "Uploading")} {ProgressText.Files(value.FilesDone, value.FilesTotal)}");
                    figures.Figures = Figures(value);
                    break;
                case SyncPhase.Listing when value.FilesTotal == 0:
                    row.Description = "Listing remote folders: none to list";
                    Complete(row);
                    break;
                case SyncPhase.Listing:
                    row.IsIndeterminate = false;
                    row.MaxValue = value.FilesTotal;
                    row.Value = Math.Min(row.MaxValue, value.FilesDone);
                    row.Description = Markup.Escape($"Listing {value.FilesDone}/{value.FilesTotal} remote {(value.FilesTotal == 1 ? "folder" : "folders")}");
                    break;
            }
        }

        /// <summary><c>1.3 MiB of 5.7 MiB  6.8 files/s  1.3 MiB/s  5 s left</c>; once the phase is done, what it did.</summary>
        private static string Figures(SyncProgress value)
        {
            var done = value.FilesDone >= value.FilesTotal;
            var bytes = value.BytesTotal <= 0 ? string.Empty
                : done ? ByteSize.Format(value.BytesTotal) + "  "
                : $"{ByteSize.Format(value.BytesDone)} of {ByteSize.Format(value.BytesTotal)}  ";
            var rates = $"{ProgressText.FilesPerSecond(value.FilesPerSecond)}  {ByteSize.FormatRate(value.BytesPerSecond)}";
            return done ? bytes + rates : $"{bytes}{rates}  {ProgressText.TimeLeft(value.Remaining)} left";
        }

        private void FinishAll()
        {
            foreach (var row in _rows.Values)
            {
                Complete(row);
            }
        }

        private static void Complete(ProgressTask row)
        {
            if (row.IsFinished)
            {
                return;
            }

            row.IsIndeterminate = false;
            row.Value = row.MaxValue;
            row.StopTask();
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
            FinishAll();
            var row = _context.AddTask(title, autoStart: true, maxValue: 1);
            row.Tag = new Row();
            row.IsIndeterminate = phase is SyncPhase.Discovering or SyncPhase.Listing;
            _rows[phase] = row;
            return row;
        }
    }
}
