using System.Diagnostics;
using System.Text.RegularExpressions;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>
/// The output modes as users meet them, through the built tool: the live view on a terminal (a pseudo-terminal
/// from <c>script</c>), with colour unless <c>NO_COLOR</c>; plain lines with a status line every 5 s when
/// redirected; <c>--quiet</c>; words that agree in number.
/// </summary>
public sealed partial class OutputModeTests
{
    private const string Volume = "/Volumes/main/default/apps";

    // Select Graphic Rendition with a colour: foreground/background 30–37, 40–47, 90–97, 100–107, or 38;/48; (256/RGB).
    [GeneratedRegex(@"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)[0-9;]*m")]
    private static partial Regex ColourCode();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")]
    private static partial Regex EscapeCode();

    [Fact]
    public async Task No_color_keeps_the_live_view_and_removes_only_colour()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("one.txt", LocalTree.Text(2000, "one")));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        tool.Environment["NO_COLOR"] = "1";
        var plainColour = await tool.RunInTerminalAsync("upload", local.Root, "--volume-path", Volume, "--path", "no-color");
        tool.Environment.Remove("NO_COLOR");
        var coloured = await tool.RunInTerminalAsync("upload", local.Root, "--volume-path", Volume, "--path", "colour");

        foreach (var run in new[] { plainColour, coloured })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            var text = EscapeCode().Replace(run.StdOut, string.Empty);
            // The live view: bars, files/s, a rounded summary table, the cursor moved to redraw in place.
            Assert.Contains("━", text);
            Assert.Matches(@"Uploading 1/1 file\b", text);
            Assert.Contains("files/s", text);
            Assert.Contains("╭", text);
            Assert.Contains("\u001b[?25l", run.StdOut);
            // Words agree in number; phases without bytes show none; no unknown rates.
            Assert.DoesNotMatch(@"(?<![0-9.])1 files", text);
            Assert.DoesNotContain("1 byte", text);
            Assert.DoesNotContain("?/s", text);
            Assert.DoesNotContain("0/0", text);
        }

        Assert.DoesNotMatch(ColourCode(), plainColour.StdOut);
        Assert.Matches(ColourCode(), coloured.StdOut);
    }

    [Fact]
    public async Task Redirected_output_is_a_status_line_every_5_seconds_and_no_line_per_file()
    {
        using var tool = new VolsyncTool();
        var root = Directory.CreateTempSubdirectory("volsync-cli-slow-").FullName;
        using var emulator = tool.Start(["emulator", "--port", "0", "--root", root, "--latency-ms", "1000"]);
        try
        {
            var url = Regex.Match(await emulator.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)) ?? string.Empty, "http://127.0.0.1:[0-9]+").Value;
            Assert.NotEmpty(url);
            using var client = new VolsyncTool(new Uri(url));
            using var local = new LocalTree(Enumerable.Range(0, 12).Select(i => ($"f{i:00}.txt", LocalTree.Text(50 + i, "f"))).ToArray());
            await SeedCommandTests.CreateVolumeAsync(client, "apps");

            // One upload at a time, each request held 1 s by the emulator: about 12 s of uploading.
            var lines = await ReadTimedLinesAsync(client.Start(["upload", local.Root, "--volume-path", Volume, "--max-concurrent", "1"]));

            var output = string.Join('\n', lines.Select(l => l.Text));
            var start = lines.Single(l => l.Text.StartsWith("Uploading 12 files (", StringComparison.Ordinal));
            var status = lines.Where(l => l.Text.StartsWith("  uploading ", StringComparison.Ordinal)).ToList();
            Assert.True(status.Count >= 2, output);
            Assert.All(status, l => Assert.Matches(@"^  uploading [0-9]+/12 files, [0-9.]+ (?:Ki)?B of [0-9.]+ (?:Ki)?B, (?:[0-9.]+ files/s|-), (?:[0-9.]+ (?:Ki)?B/s|-), (?:[0-9]+ s|-) left$", l.Text));
            // The cadence: the first line one interval into the phase, then one per interval (with slack for a busy machine).
            Assert.InRange((status[0].At - start.At).TotalSeconds, 4.5, 7.5);
            for (var i = 1; i < status.Count; i++)
            {
                Assert.InRange((status[i].At - status[i - 1].At).TotalSeconds, 4.5, 7.5);
            }

            // No per-file lines without --verbose: a short log, whatever the number of files.
            Assert.DoesNotContain(lines, l => l.Text.Contains("f03.txt", StringComparison.Ordinal));
            Assert.True(lines.Count < 20, output);
            Assert.Contains("  uploaded:     12 files", output);
        }
        finally
        {
            VolsyncTool.Interrupt(emulator);
            await emulator.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Verbose_lists_every_file_once()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("a.txt", "a"), ("b/c.txt", "c"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(run.StdOut.Split('\n'), l => l.StartsWith("  uploaded a.txt (1 B)", StringComparison.Ordinal));
        Assert.Single(run.StdOut.Split('\n'), l => l.StartsWith("  uploaded b/c.txt (1 B)", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"\[[0-9]+/[0-9]+\]", run.StdOut); // no "[0/1]" counters
        Assert.Matches(@"(?m)^  release:\s+[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8} \(new\)$", run.StdOut); // the release the run recorded
    }

    [Fact]
    public async Task Quiet_prints_only_errors_and_the_summary()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree(("ok.txt", "fine"), ("locked/no.txt", "no"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        emulator.Options.ForbiddenPathPrefixes.Add(Volume + "/" + local.RemoteName("locked/no.txt"));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "-q");

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal(9, lines.Length);
        Assert.Equal("Failed files:", lines[0]);
        Assert.StartsWith("  locked/no.txt: VOLSYNC", lines[1]);
        Assert.Equal("Summary for " + Volume + ":", lines[2]);
        Assert.Equal(["uploaded:", "skipped:", "failed:", "bytes:", "release:", "time:"], lines[3..].Select(l => l.Trim().Split(' ')[0]));
        Assert.Equal("release:      none", lines[7].Trim()); // a run with a failure records no release
        Assert.Contains("error VOLSYNC2307: 1 of 2 files failed", run.StdErr);

        var second = await tool.RunInTerminalAsync("upload", local.Root, "--volume-path", Volume, "--quiet");
        var text = EscapeCode().Replace(second.StdOut, string.Empty);
        Assert.DoesNotContain("━", text); // no live view either
        Assert.Contains("skipped", text);
    }

    [Theory]
    [InlineData("upload", "./x", "--volume-path", Volume)]
    [InlineData("list-remote", "--volume-path", Volume)]
    public async Task Quiet_and_verbose_together_is_a_coded_usage_error(params string[] args)
    {
        using var tool = new VolsyncTool();

        var run = await tool.RunAsync([.. args, "--quiet", "--verbose"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error VOLSYNC2350: ", run.StdErr);
    }

    private static async Task<List<(TimeSpan At, string Text)>> ReadTimedLinesAsync(Process process)
    {
        using (process)
        {
            var clock = Stopwatch.StartNew();
            var stderr = process.StandardError.ReadToEndAsync();
            var lines = new List<(TimeSpan, string)>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add((clock.Elapsed, line));
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, string.Join('\n', lines.Select(l => l.Item2)) + "\n" + await stderr);
            return lines;
        }
    }
}
