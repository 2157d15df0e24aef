using System.Diagnostics;
using System.Globalization;
using VolSync.Diagnostics;
using VolSync.Releases;

namespace VolSync.Cli.Rendering;

/// <summary>
/// Progress of verify, pull and prune as plain lines: every file that is not fine as it finishes (every file with
/// <c>--verbose</c>), and a status line every few seconds so a long run shows it is alive.
/// </summary>
internal sealed class ReleaseProgressWriter : IProgress<ReleaseProgress>
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    private readonly HumanOutput _output;
    private readonly bool _verbose;
    private readonly string[] _fine;
    private readonly object _gate = new();
    private readonly Stopwatch _sinceStatus = Stopwatch.StartNew();

    /// <param name="output">Where lines go.</param>
    /// <param name="verbose">Print every file, not only the ones that are not fine.</param>
    /// <param name="fineOutcomes">Outcomes printed only with <paramref name="verbose"/>.</param>
    public ReleaseProgressWriter(HumanOutput output, bool verbose, params string[] fineOutcomes)
    {
        _output = output;
        _verbose = verbose;
        _fine = fineOutcomes;
    }

    public void Report(ReleaseProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (value.CompletedPath is { } path && (_verbose || !_fine.Contains(value.CompletedOutcome, StringComparer.Ordinal)))
            {
                _output.Line(string.Create(CultureInfo.InvariantCulture, $"  [{value.FilesDone}/{value.FilesTotal}] {value.CompletedOutcome?.ToLowerInvariant(),-10} {path}"));
            }
            else if (_sinceStatus.Elapsed >= StatusInterval)
            {
                _sinceStatus.Restart();
                _output.Line(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {value.Operation}: {value.FilesDone}/{value.FilesTotal} files, {ByteSize.Format(value.BytesDone)} of {ByteSize.Format(value.BytesTotal)}"));
            }
        }
    }
}
