using Spectre.Console;
using VolSync.Cli.Rendering;
using VolSync.Remote.Databricks;

namespace VolSync.Cli.Tests;

/// <summary>The terminal view (which the process tests cannot reach: their output is redirected) shows retries in a row of its own.</summary>
public sealed class LiveRetryNoticeTests
{
    [Fact]
    public async Task The_live_view_shows_a_retry_while_it_runs_and_plain_lines_take_over_after()
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = 200;
        var plain = new List<string>();
        var notices = new RetryNotices(plain.Add);

        await LiveProgressView.RunAsync(
            console,
            async progress =>
            {
                progress.Report(new SyncProgress(SyncPhase.Uploading, 0, 2, 0, 10, null, 0, TimeSpan.Zero));
                notices.Report(new RequestRetry("upload", "/Volumes/main/default/apps/a.txt", 2, TimeSpan.FromSeconds(1.5), "HTTP 429 Too Many Requests", PausesHost: false));
                // Let the display refresh with the notice on screen.
                await Task.Delay(300);
                return 0;
            },
            notices);

        var screen = writer.ToString();
        Assert.Contains("retrying upload '/Volumes/main/default/apps/a.txt' (attempt 2, waiting 1.5 s) after HTTP 429 Too Many Requests", screen);
        Assert.Empty(plain);

        // The digest shows at most one notice a second (RetryDigest.Interval, internal to the product).
        await Task.Delay(TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(50));
        notices.Report(new RequestRetry("list directory", "/Volumes/main/default/apps", 3, TimeSpan.FromSeconds(2), "Connection refused", PausesHost: false));
        Assert.Equal("retrying list directory '/Volumes/main/default/apps' (attempt 3, waiting 2.0 s) after Connection refused", Assert.Single(plain));
    }
}
