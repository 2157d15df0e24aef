using System.Text.Json;
using System.Text.RegularExpressions;
using VolSync.Cli.Tests.Infrastructure;
using VolSync.Emulator;

namespace VolSync.Cli.Tests;

/// <summary>
/// What people type by mistake or out of habit, through the built tool: each gets a coded line that says what to do
/// instead, exit 2, never a stack trace or "this is a bug", and with <c>--json</c> the JSON error document on stdout.
/// Settings both hosts share (paths, numbers, patterns) are HostParityTests' table in the end-to-end tests; this one
/// is the command line's own: unknown and misspelt options, other tools' spellings, commands, stray arguments.
/// </summary>
public sealed partial class CommandLineMistakeTests : IDisposable
{
    private const string Volume = "/Volumes/main/default/apps";

    /// <summary>Stands for an existing local folder in <see cref="Mistakes"/>.</summary>
    private const string Dir = "{dir}";

    private readonly LocalTree _local = new(("a.txt", "a"));

    /// <summary>Name, the code expected among the errors, a part of the message that is the advice, the arguments.</summary>
    public static TheoryData<string, string, string, string[]> Mistakes => new()
    {
        // Misspelt options: the nearest option of that command.
        { "misspelt --volume-path", "VOLSYNC2351", "Did you mean --volume-path?", ["upload", Dir, "--volum-path", Volume] },
        { "misspelt --dry-run", "VOLSYNC2351", "Did you mean --dry-run?", ["upload", Dir, Volume, "--dry-runn"] },
        { "misspelt --pattern", "VOLSYNC2351", "Did you mean --pattern?", ["upload", Dir, Volume, "--patern", "*.txt"] },
        { "transposed letters in --exclude", "VOLSYNC2351", "Did you mean --exclude?", ["upload", Dir, Volume, "--exlcude", "*.md"] },
        { "misspelt --max-concurrent", "VOLSYNC2351", "Did you mean --max-concurrent?", ["upload", Dir, Volume, "--max-concurent", "3"] },
        { "an option like no other", "VOLSYNC2351", "Unknown option '--frobnicate' for 'volsync upload'", ["upload", Dir, Volume, "--frobnicate"] },
        { "misspelt list-remote option", "VOLSYNC2351", "Did you mean --hash-length?", ["list-remote", Volume, "--hash-lenght", "16"] },
        { "misspelt create-volume option", "VOLSYNC2351", "Did you mean --volume-type?", ["create-volume", "--catalog", "main", "--schema", "default", "--volume", "v", "--volume-typ", "MANAGED"] },
        { "misspelt releases option", "VOLSYNC2351", "Did you mean --path?", ["releases", Volume, "--pth", "myapp"] },
        { "misspelt prune option", "VOLSYNC2351", "Did you mean --keep?", ["prune", Volume, "--kep", "3"] },
        { "misspelt pull option", "VOLSYNC2351", "Did you mean --release?", ["pull", Volume, "--to", "out", "--relase", "x"] },
        { "a command's option before the command", "VOLSYNC2351", "goes after the command: volsync upload ... --dry-run", ["--dry-run", "upload", Dir, Volume] },
        { "-q before the command", "VOLSYNC2351", "goes after the command: volsync upload ... -q", ["-q", "upload", Dir, Volume] },
        { "a command's option and no command", "VOLSYNC2351", "It is an option of the commands and goes after one", ["--volume-path", Volume] },

        // Other tools' spellings: what volsync calls it.
        { "--include from rsync and the Databricks CLI", "VOLSYNC2352", "use --pattern GLOB", ["upload", Dir, Volume, "--include", "*.txt"] },
        { "a shell-expanded --include", "VOLSYNC2352", "'--include a.txt b.txt' is not a volsync option", ["upload", Dir, Volume, "--include", "a.txt", "b.txt"] },
        { "--filter", "VOLSYNC2352", "use --pattern GLOB", ["upload", Dir, Volume, "--filter=*.dll"] },
        { "--dryrun from the AWS CLI", "VOLSYNC2352", "use --dry-run", ["upload", Dir, Volume, "--dryrun"] },
        { "-n from rsync", "VOLSYNC2352", "use --dry-run", ["upload", Dir, Volume, "-n"] },
        { "--whatif from PowerShell", "VOLSYNC2352", "use --dry-run", ["prune", Volume, "--keep", "2", "--whatif"] },
        { "-o json from the Databricks and Azure CLIs", "VOLSYNC2352", "use --json", ["upload", Dir, Volume, "-o", "json"] },
        { "--output=json", "VOLSYNC2352", "use --json", ["list-remote", Volume, "--output=json"] },
        { "--format json", "VOLSYNC2352", "use --json", ["releases", Volume, "--format", "json"] },
        { "--silent", "VOLSYNC2352", "use --quiet (-q)", ["upload", Dir, Volume, "--silent"] },
        { "--overwrite", "VOLSYNC2352", "use --force", ["upload", Dir, Volume, "--overwrite"] },
        { "-r from cp", "VOLSYNC2352", "always syncs the sub-folders", ["upload", Dir, Volume, "-r"] },
        { "--recursive from the Databricks CLI", "VOLSYNC2352", "always syncs the sub-folders", ["upload", Dir, Volume, "--recursive"] },
        { "--concurrency", "VOLSYNC2352", "use --max-concurrent N", ["upload", Dir, Volume, "--concurrency", "8"] },
        { "-j from make", "VOLSYNC2352", "use --max-concurrent N", ["verify", Volume, "-j", "4"] },
        { "a token on the command line", "VOLSYNC2352", "set DATABRICKS_TOKEN", ["upload", Dir, Volume, "--token", "dapi-not-a-real-one"] },
        { "--dest for upload", "VOLSYNC2352", "give the volume as the argument after the local folder", ["upload", Dir, "--dest", Volume] },
        { "--dest for pull", "VOLSYNC2352", "use --to DIR", ["pull", Volume, "--dest", "out"] },
        { "--delete from rsync", "VOLSYNC2352", "'volsync prune' deletes old releases", ["upload", Dir, Volume, "--delete"] },

        // Commands: the nearest one, or the one other tools call so.
        { "misspelt upload", "VOLSYNC2353", "Did you mean 'upload'?", ["uplaod", Dir, Volume] },
        { "misspelt releases", "VOLSYNC2353", "Did you mean 'releases'?", ["relases", Volume] },
        { "sync, as other tools call it", "VOLSYNC2353", "Did you mean 'upload'?", ["sync", Dir, Volume] },
        { "cp, as the Databricks CLI calls it", "VOLSYNC2353", "Did you mean 'upload'?", ["cp", Dir, Volume] },
        { "ls", "VOLSYNC2353", "Did you mean 'list-remote'?", ["ls", Volume] },
        { "mkdir", "VOLSYNC2353", "Did you mean 'create-volume'?", ["mkdir", Volume] },
        { "a word that is no command", "VOLSYNC2353", "The commands are upload, list-remote, create-volume", ["frobnicate"] },

        // Arguments the command does not take.
        { "a third argument to upload", "VOLSYNC2354", "which takes <local-path> [<destination>]", ["upload", Dir, Volume, "extra"] },
        { "two volumes to create-volume", "VOLSYNC2354", "which takes [<destination>]", ["create-volume", Volume, Volume + "2"] },
        { "two volumes to releases", "VOLSYNC2354", "which takes [<destination>]", ["releases", Volume, Volume + "2"] },

        // The destination argument.
        { "the volume as the argument and as --volume-path", "VOLSYNC2355", "Give it once", ["upload", Dir, "dbfs:" + Volume, "--volume-path", Volume] },
        { "a dbfs: destination without the volume", "VOLSYNC2002", "<destination> 'dbfs:/Volumes/main/default' is not of the form", ["upload", Dir, "dbfs:/Volumes/main/default"] },
        { "a destination with an empty catalog", "VOLSYNC2002", "<destination> '/Volumes//x/y' is not of the form", ["upload", Dir, "/Volumes//x/y"] },
        { "a destination with an empty schema", "VOLSYNC2002", "<destination> 'dbfs:/Volumes/c//v' is not of the form", ["list-remote", "dbfs:/Volumes/c//v"] },
        { "a local folder as the destination", "VOLSYNC2002", "<destination> './elsewhere' is not of the form", ["upload", Dir, "./elsewhere"] },
        { "an s3 URL as the volume path", "VOLSYNC2002", "--volume-path 's3://bucket/apps' is not of the form", ["list-remote", "--volume-path", "s3://bucket/apps"] },

        // What the parser itself finds.
        { "upload with nothing", "VOLSYNC2300", "Required argument missing", ["upload"] },
        { "create-volume without its volume", "VOLSYNC4001", "Set --volume-path to /Volumes/<catalog>/<schema>/<volume>", ["create-volume"] },
        { "create-volume with a folder", "VOLSYNC2501", "makes a volume, not a folder. Give the volume alone (/Volumes/main/default/apps)", ["create-volume", Volume + "/sub"] },
        { "a name as the argument to create-volume", "VOLSYNC2002", "<destination> 'apps' is not of the form", ["create-volume", "apps", "--catalog", "main", "--schema", "default"] },
        { "a volume type that does not exist", "VOLSYNC2300", "FOO", ["create-volume", "--catalog", "main", "--schema", "default", "--volume", "v", "--volume-type", "FOO"] },
        { "an option without its value", "VOLSYNC2300", "--hash-length", ["upload", Dir, Volume, "--json", "--hash-length"] },
        { "--quiet and --verbose", "VOLSYNC2350", "ask for opposite things", ["upload", Dir, Volume, "--quiet", "--verbose"] },
    };

    /// <summary>Every numeric option of the emulator, from its one option table, so a new row is covered too.</summary>
    public static TheoryData<string> NumericEmulatorOptions => new(EmulatorCommandLine.Options.Where(o => o.ValueName is "N" or "P").Select(o => "--" + o.Name));

    [GeneratedRegex(@"^error (?<code>VOLSYNC[0-9]{4}): ", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    [Fact]
    public void The_table_has_at_least_40_mistakes_and_every_hint_code()
    {
        Assert.True(Mistakes.Count >= 40, $"{Mistakes.Count} rows");
        var codes = Mistakes.Select(row => (string)row[1]).ToHashSet();
        Assert.Superset(new HashSet<string> { "VOLSYNC2300", "VOLSYNC2350", "VOLSYNC2351", "VOLSYNC2352", "VOLSYNC2353", "VOLSYNC2354", "VOLSYNC2355" }, codes);
        Assert.True(NumericEmulatorOptions.Count >= 10);
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_gets_a_coded_line_with_advice_exit_2_and_the_json_error_document(string name, string code, string advice, string[] args)
    {
        using var tool = new VolsyncTool();
        var typed = args.Select(a => a == Dir ? _local.Root : a).ToList();

        var run = await tool.RunAsync(typed.Contains("--json") ? typed : [.. typed, "--json"], onStarted: null);

        Assert.True(run.ExitCode == 2, $"{name}: {run}");
        var codes = ErrorLine().Matches(run.StdErr).Select(m => m.Groups["code"].Value).ToList();
        Assert.True(codes.Contains(code), $"{name}: expected {code}, got {string.Join(' ', codes)}\n{run}");
        Assert.True(run.StdErr.Contains(advice, StringComparison.Ordinal), $"{name}: the errors do not say \"{advice}\"\n{run}");
        Assert.DoesNotContain("   at ", run.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", run.AllOutput, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("VOLSYNC2308", run.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("dapi-not-a-real-one", run.AllOutput, StringComparison.Ordinal); // a token typed by mistake is not echoed

        // --json: stdout is one document whose errors are the lines on stderr, in order.
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.False(json.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal(2, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal(codes[0], json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(codes, json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!));
        Assert.All(json.RootElement.GetProperty("errors").EnumerateArray(), e => Assert.Contains(e.GetProperty("message").GetString()!, run.StdErr, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_json_a_mistake_prints_nothing_on_stdout()
    {
        using var tool = new VolsyncTool();

        var run = await tool.RunAsync("upload", _local.Root, Volume, "--dryrun");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(string.Empty, run.StdOut);
        Assert.Equal("error VOLSYNC2352: '--dryrun' is not a volsync option: use --dry-run. Run 'volsync upload --help' for every option.", run.StdErr.TrimEnd('\n'));
    }

    [Fact]
    public async Task Several_mistakes_are_one_line_each_in_the_order_typed()
    {
        using var tool = new VolsyncTool();

        var run = await tool.RunAsync("upload", _local.Root, Volume, "--include", "*.txt", "--dryrun", "--volum", "x", "-o", "json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(["VOLSYNC2352", "VOLSYNC2352", "VOLSYNC2351", "VOLSYNC2352"], ErrorLine().Matches(run.StdErr).Select(m => m.Groups["code"].Value));
        Assert.Contains("'--include *.txt' is not a volsync option", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("Unknown option '--volum' for 'volsync upload'. Did you mean --volume?", run.StdErr, StringComparison.Ordinal);
        // "-o json" asks for JSON: the document comes although --json was not typed.
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.Equal(4, json.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(NumericEmulatorOptions))]
    public async Task Every_numeric_emulator_option_refuses_what_is_not_a_number_in_range(string option)
    {
        using var tool = new VolsyncTool();

        foreach (var value in new[] { "x", "1.5" })
        {
            var run = await tool.RunAsync(["emulator", option, value], onStarted: null);

            Assert.True(run.ExitCode == 2, $"{option} {value}: {run}");
            Assert.Matches($"^error VOLSYNC32[0-9]{{2}}: .*'{Regex.Escape(option)}'.*'{Regex.Escape(value)}'", run.StdErr);
            Assert.DoesNotContain("   at ", run.AllOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("bug", run.AllOutput, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(string.Empty, run.StdOut);
        }
    }

    public void Dispose() => _local.Dispose();
}
