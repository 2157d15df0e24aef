using Spectre.Console;

using VolSync.Diagnostics;

namespace VolSync.Cli.Rendering;

/// <summary>
/// What a person reads when a sync ends: the plan of a dry run, the files that failed and why, then the totals
/// (uploaded, skipped, failed, bytes, time, and the release when the run made one): a table on a terminal,
/// plain lines otherwise. <c>--quiet</c> keeps the failures and the totals.
/// </summary>
internal static class SyncSummaryView
{
    public static void Write(HumanOutput output, SyncResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);

        if (result.Files.Count == 0)
        {
            output.Line("Nothing to sync: no local file matched the patterns.");
        }

        if (result.DryRun)
        {
            foreach (var file in result.Files.Where(f => f.Outcome == FileOutcome.WouldUpload))
            {
                output.Note($"  would upload {file.RelativePath} -> {file.RemotePath} ({ByteSize.Format(file.Size)})");
            }
        }

        var failed = result.Files.Where(f => f.Outcome == FileOutcome.Failed).ToList();
        if (failed.Count > 0)
        {
            output.Line("Failed files:");
            foreach (var file in failed)
            {
                output.Line($"  {file.RelativePath}: {file.ErrorCode}: {file.Error}");
            }
        }

        if (output.Terminal)
        {
            WriteTable(output.Console, result);
        }
        else
        {
            WriteLines(output, result);
        }
    }

    private static void WriteLines(HumanOutput output, SyncResult result)
    {
        var title = result.DryRun ? "Dry run summary" : "Summary";
        output.Line($"{title} for {result.RemoteRoot}:");
        foreach (var (label, value) in Rows(result))
        {
            output.Line($"  {label + ":",-14}{value}");
        }
    }

    private static void WriteTable(IAnsiConsole console, SyncResult result)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(HumanOutput.Cell(result.DryRun ? $"Dry run: {result.RemoteRoot}" : result.RemoteRoot))
            .AddColumn(new TableColumn("[bold]Result[/]"))
            .AddColumn(new TableColumn("[bold]Value[/]").RightAligned());
        foreach (var (label, value) in Rows(result))
        {
            var styled = label switch
            {
                "failed" when result.FailureCount > 0 => $"[red]{HumanOutput.Cell(value)}[/]",
                "uploaded" when result.SuccessCount > 0 => $"[green]{HumanOutput.Cell(value)}[/]",
                _ => HumanOutput.Cell(value),
            };
            table.AddRow(new Markup(HumanOutput.Cell(label)), new Markup(styled));
        }

        console.Write(table);
    }

    private static IEnumerable<(string Label, string Value)> Rows(SyncResult result)
    {
        if (result.DryRun)
        {
            var planned = result.Files.Where(f => f.Outcome == FileOutcome.WouldUpload).Sum(f => f.Size);
            yield return ("would upload", Files(result.WouldUploadCount) + ", " + ByteSize.Format(planned));
        }
        else
        {
            yield return ("uploaded", Files(result.SuccessCount));
        }

        yield return ("skipped", Files(result.SkipCount) + " (up to date)");
        yield return ("failed", Files(result.FailureCount));
        if (!result.DryRun)
        {
            yield return ("bytes", ByteSize.Format(result.TotalBytesUploaded));
        }

        yield return ("release", Release(result));

        var seconds = result.Duration.TotalSeconds;
        var rate = !result.DryRun && seconds > 0 && result.TotalBytesUploaded > 0
            ? " (" + ByteSize.FormatRate(result.TotalBytesUploaded / seconds) + ")"
            : string.Empty;
        yield return ("time", ByteSize.FormatDuration(result.Duration) + rate);
    }

    private static string Release(SyncResult result) => result switch
    {
        { ReleaseError: not null } => "not recorded (" + result.ReleaseErrorCode + ")",
        { ReleaseId: null } => "none",
        { ReleaseCreated: true } => result.ReleaseId + " (new)",
        { DryRun: true } => result.ReleaseId + " (current)",
        _ => result.ReleaseId + " (unchanged)",
    };

    private static string Files(int count) => ProgressText.Files(count);
}
