using System.Text.Json;
using VolSync.Cli.Tests.Infrastructure;

namespace VolSync.Cli.Tests;

/// <summary>
/// File names may hold a newline, a tab or another control character (POSIX and the Files API allow it). People
/// see them escaped, one line per file and one row per table entry; the volume and <c>--json</c> keep the real name.
/// </summary>
public sealed class ControlCharacterNameTests
{
    private const string Volume = "/Volumes/main/default/apps";
    private const string Newline = "new\nline.txt";
    private const string Tab = "tab\there.txt";
    private const string Bell = "bell\u0007.txt";

    [Fact]
    public async Task Names_are_escaped_for_people_and_kept_on_the_volume_and_in_json()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree((Newline, "n"), (Tab, "t"), (Bell, "b"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");

        var upload = await tool.RunAsync("upload", local.Root, "--volume-path", Volume, "--verbose");

        Assert.True(upload.ExitCode == 0, upload.ToString());
        AssertNoControlCharacters(upload);
        Assert.Contains("  uploaded new\\nline.txt (1 B)", upload.StdOut);
        Assert.Contains("  uploaded tab\\there.txt (1 B)", upload.StdOut);
        Assert.Contains("  uploaded bell\\x07.txt (1 B)", upload.StdOut);
        // The remote names are the real ones.
        Assert.Equal(new[] { local.RemoteName(Bell), local.RemoteName(Newline), local.RemoteName(Tab) }.Order(StringComparer.Ordinal), emulator.FilesIn("main", "default", "apps"));

        var table = await tool.RunAsync("list-remote", "--volume-path", Volume);
        Assert.True(table.ExitCode == 0, table.ToString());
        AssertNoControlCharacters(table);
        var rows = table.StdOut.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count); // the header and one row per file: no row split by a newline
        Assert.Contains(rows, r => r.StartsWith("| new\\nline.txt ", StringComparison.Ordinal));

        var json = await tool.RunAsync("list-remote", "--volume-path", Volume, "--json");
        using var document = JsonDocument.Parse(json.StdOut);
        Assert.Equal(
            new[] { Bell, Newline, Tab }.Order(StringComparer.Ordinal),
            document.RootElement.EnumerateArray().Select(e => e.GetProperty("originalName").GetString()!).Order(StringComparer.Ordinal));

        // Round trip: the names parse back, so nothing is uploaded again.
        var again = await tool.RunAsync("upload", local.Root, "--volume-path", Volume);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("  skipped:      3 files (up to date)", again.StdOut);
    }

    [Fact]
    public async Task A_failed_file_with_a_newline_is_one_line_in_the_summary()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var tool = new VolsyncTool(emulator.BaseUri);
        using var local = new LocalTree((Newline, "n"), ("ok.txt", "ok"));
        await SeedCommandTests.CreateVolumeAsync(tool, "apps");
        emulator.Options.ForbiddenPathPrefixes.Add(Volume + "/" + local.RemoteName(Newline));

        var run = await tool.RunAsync("upload", local.Root, "--volume-path", Volume);

        Assert.True(run.ExitCode == 1, run.ToString());
        AssertNoControlCharacters(run);
        Assert.Single(run.StdOut.Split('\n'), l => l.StartsWith("  new\\nline.txt: VOLSYNC", StringComparison.Ordinal));
        Assert.DoesNotContain(run.StdOut.Split('\n'), l => l.StartsWith("line.txt", StringComparison.Ordinal));
    }

    private static void AssertNoControlCharacters(ToolRun run)
    {
        foreach (var text in new[] { run.StdOut, run.StdErr })
        {
            Assert.DoesNotContain(text, c => c < ' ' && c != '\n');
        }
    }
}
