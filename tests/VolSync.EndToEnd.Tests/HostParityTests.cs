using System.Text.RegularExpressions;
using VolSync.Build;
using VolSync.Emulator;
using VolSync.EndToEnd.Tests.Infrastructure;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace VolSync.EndToEnd.Tests;

/// <summary>
/// One table of bad inputs, each run through both hosts: the CLI as a process (<c>volsync upload</c>) and the MSBuild
/// task in-process. Both must report the same codes, and neither may make a request: the workspace (an emulator)
/// and its token are configured, so a host that authenticated or called the network before validating would show
/// in the emulator's request log. A valid control input shows that the same wiring does reach it.
/// </summary>
public sealed partial class HostParityTests : IAsyncLifetime
{
    private const string Token = "parity-token";

    private readonly string _root = Directory.CreateTempSubdirectory("volsync-parity-").FullName;
    private EmulatorServer _emulator = null!;

    /// <summary>Settings as both hosts take them; names follow the CLI, values are text as MSBuild passes them.</summary>
    public sealed record Input(
        string Local = "tree",
        string? VolumePath = "/Volumes/main/default/apps",
        string? Catalog = null,
        string? Schema = null,
        string? Volume = null,
        string? RemotePath = null,
        string[]? Include = null,
        string[]? Exclude = null,
        string? MaxConcurrent = null,
        string? HashLength = null,
        string? RetryBudget = null);

    public static TheoryData<string, string, Input> BadInputs => new()
    {
        { "no volume at all", "VOLSYNC4001", new Input(VolumePath: null) },
        { "catalog only", "VOLSYNC4001", new Input(VolumePath: null, Catalog: "main") },
        { "catalog and schema only", "VOLSYNC4001", new Input(VolumePath: null, Catalog: "main", Schema: "default") },
        { "volume path missing the volume", "VOLSYNC2002", new Input(VolumePath: "/Volumes/main/default") },
        { "volume path with a typo", "VOLSYNC2002", new Input(VolumePath: "/Volume/main/default/apps") },
        { "relative volume path", "VOLSYNC2002", new Input(VolumePath: "Volumes/main/default/apps") },
        { "dbfs: volume path missing the volume", "VOLSYNC2002", new Input(VolumePath: "dbfs:/Volumes/main/default") },
        { "volume path with an empty catalog", "VOLSYNC2002", new Input(VolumePath: "/Volumes//x/y") },
        { "volume path with an empty schema", "VOLSYNC2002", new Input(VolumePath: "/Volumes/c//v") },
        { "volume path with a blank schema", "VOLSYNC2002", new Input(VolumePath: "/Volumes/c/ /v") },
        { "volume path ending after the schema", "VOLSYNC2002", new Input(VolumePath: "/Volumes/c/s/") },
        { "dbfs: volume path with an empty catalog", "VOLSYNC2002", new Input(VolumePath: "dbfs:/Volumes//x/y") },
        { "dbfs: path outside the volumes", "VOLSYNC2002", new Input(VolumePath: "dbfs:/FileStore/apps") },
        { "workspace path as the volume path", "VOLSYNC2002", new Input(VolumePath: "/Workspace/Users/me/apps") },
        { "s3 URL as the volume path", "VOLSYNC2002", new Input(VolumePath: "s3://bucket/apps") },
        { "dbfs: volume path and catalog disagree", "VOLSYNC2003", new Input(VolumePath: "dbfs:/Volumes/main/default/apps", Catalog: "other") },
        { "volume path with a dot in the catalog", "VOLSYNC2004", new Input(VolumePath: "/Volumes/ma.in/default/apps") },
        { "dbfs: volume path whose sub-path climbs", "VOLSYNC2005", new Input(VolumePath: "dbfs:/Volumes/main/default/apps/../x") },
        { "volume path and catalog disagree", "VOLSYNC2003", new Input(Catalog: "other") },
        { "volume path and volume disagree", "VOLSYNC2003", new Input(Volume: "other") },
        { "catalog name with a dot", "VOLSYNC2004", new Input(VolumePath: null, Catalog: "ma.in", Schema: "default", Volume: "apps") },
        { "volume name with a tab inside", "VOLSYNC2004", new Input(VolumePath: null, Catalog: "main", Schema: "default", Volume: "ap\tps") },
        { "sub-path that climbs", "VOLSYNC2005", new Input(RemotePath: "../up") },
        { "sub-path with a dot segment", "VOLSYNC2005", new Input(RemotePath: "a/./b") },
        { "volume path whose sub-path climbs", "VOLSYNC2005", new Input(VolumePath: "/Volumes/main/default/apps/../x") },
        { "empty local path", "VOLSYNC4002", new Input(Local: "") },
        { "local folder that does not exist", "VOLSYNC2007", new Input(Local: "missing") },
        { "local path that is a file", "VOLSYNC2008", new Input(Local: "file") },
        { "hash length too short", "VOLSYNC2009", new Input(HashLength: "7") },
        { "hash length too long", "VOLSYNC2009", new Input(HashLength: "65") },
        { "hash length not a number", "VOLSYNC2009", new Input(HashLength: "sixteen") },
        { "zero uploads in flight", "VOLSYNC2010", new Input(MaxConcurrent: "0") },
        { "too many uploads in flight", "VOLSYNC2010", new Input(MaxConcurrent: "65") },
        { "negative uploads in flight", "VOLSYNC2010", new Input(MaxConcurrent: "-1") },
        { "uploads in flight not a number", "VOLSYNC2010", new Input(MaxConcurrent: "many") },
        { "include pattern that climbs", "VOLSYNC2011", new Input(Include: ["../*.dll"]) },
        { "exclude pattern with an empty segment", "VOLSYNC2011", new Input(Exclude: ["bin//x"]) },
        { "include pattern naming no file", "VOLSYNC2011", new Input(Include: ["/"]) },
        { "retry budget that is not a duration", "VOLSYNC2203", new Input(RetryBudget: "soon") },
        { "negative retry budget", "VOLSYNC2203", new Input(RetryBudget: "-5") },
        { "schema name with a dot", "VOLSYNC2004", new Input(VolumePath: null, Catalog: "main", Schema: "de.fault", Volume: "apps") },
        { "volume path and schema disagree", "VOLSYNC2003", new Input(Schema: "other") },
        { "sub-path that climbs in the middle", "VOLSYNC2005", new Input(RemotePath: "a/../b") },
        { "include pattern with an empty segment", "VOLSYNC2011", new Input(Include: ["a//b"]) },
        { "exclude pattern that climbs", "VOLSYNC2011", new Input(Exclude: ["../x"]) },
        { "hash length with a fraction", "VOLSYNC2009", new Input(HashLength: "16.5") },
        { "uploads in flight with a fraction", "VOLSYNC2010", new Input(MaxConcurrent: "2.5") },
        { "several mistakes at once", "VOLSYNC2007 VOLSYNC2009 VOLSYNC2010 VOLSYNC2011", new Input(Local: "missing", HashLength: "4", MaxConcurrent: "0", Exclude: [".."]) },
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "tree"));
        await File.WriteAllTextAsync(Path.Combine(_root, "tree", "a.txt"), "a");
        await File.WriteAllTextAsync(Path.Combine(_root, "file"), "not a folder");
        Directory.CreateDirectory(Path.Combine(_root, "home"));
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RootDirectory = Path.Combine(_root, "remote"), RequiredToken = Token });
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void The_table_has_at_least_40_cases_and_covers_every_validation_code()
    {
        Assert.True(BadInputs.Count >= 40);
        var codes = BadInputs.Select(row => (string)row[1]).SelectMany(c => c.Split(' ')).ToHashSet();
        Assert.Superset(new HashSet<string> { "VOLSYNC4001", "VOLSYNC4002", "VOLSYNC2002", "VOLSYNC2003", "VOLSYNC2004", "VOLSYNC2005", "VOLSYNC2007", "VOLSYNC2008", "VOLSYNC2009", "VOLSYNC2010", "VOLSYNC2011", "VOLSYNC2203" }, codes);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Both_hosts_give_the_same_codes_before_any_request(string name, string expected, Input input)
    {
        var cli = await RunCliAsync(input);
        var msbuild = RunTask(input);

        var expectedCodes = expected.Split(' ').Order(StringComparer.Ordinal).ToArray();
        Assert.True(expectedCodes.SequenceEqual(cli.Codes), $"{name}: the CLI said {string.Join(' ', cli.Codes)}\n{cli.Output}");
        Assert.True(expectedCodes.SequenceEqual(msbuild), $"{name}: MSBuild said {string.Join(' ', msbuild)}");
        Assert.Equal(2, cli.ExitCode);
        Assert.Empty(_emulator.Requests.Snapshot());
    }

    [Theory]
    [InlineData("/Volumes/main/default/apps")]
    [InlineData("dbfs:/Volumes/main/default/apps")] // the Databricks CLI's spelling names the same volume
    public async Task The_control_input_reaches_the_workspace_through_both_hosts(string volumePath)
    {
        var cli = await RunCliAsync(new Input(VolumePath: volumePath, Include: ["/a.txt"]));
        Assert.Equal(["VOLSYNC1152"], cli.Codes);
        Assert.Contains("main.default.apps", cli.Output, StringComparison.Ordinal);
        var cliRequests = _emulator.Requests.Snapshot().Count;
        Assert.True(cliRequests > 0, "the CLI made no request for a valid input");

        Assert.Equal(["VOLSYNC1152"], RunTask(new Input(VolumePath: volumePath, Include: ["/a.txt"])));
        Assert.True(_emulator.Requests.Snapshot().Count > cliRequests, "the task made no request for a valid input");
    }

    private string LocalPath(Input input) => input.Local.Length == 0 ? string.Empty : Path.Combine(_root, input.Local);

    private async Task<(int ExitCode, string[] Codes, string Output)> RunCliAsync(Input input)
    {
        var args = new List<string> { VolsyncDll, "upload", LocalPath(input) };
        void Add(string option, string? value)
        {
            if (value is not null)
            {
                args.Add(option);
                args.Add(value);
            }
        }

        Add("--volume-path", input.VolumePath);
        Add("--catalog", input.Catalog);
        Add("--schema", input.Schema);
        Add("--volume", input.Volume);
        Add("--path", input.RemotePath);
        foreach (var pattern in input.Include ?? [])
        {
            Add("--pattern", pattern);
        }

        foreach (var pattern in input.Exclude ?? [])
        {
            Add("--exclude", pattern);
        }

        Add("--max-concurrent", input.MaxConcurrent);
        Add("--hash-length", input.HashLength);
        Add("--retry-budget", input.RetryBudget);
        var result = await DotNetRunner.RunAsync(_root, args, Environment(), TimeSpan.FromMinutes(2));
        var codes = ErrorLine().Matches(result.Output).Select(m => m.Groups["code"].Value).Order(StringComparer.Ordinal).ToArray();
        return (result.ExitCode, codes, result.Output);
    }

    private string[] RunTask(Input input)
    {
        var engine = new ErrorRecordingBuildEngine();
        var environment = Environment();
        var task = new SyncToDatabricksVolume
        {
            BuildEngine = engine,
            LocalPath = LocalPath(input),
            VolumePath = input.VolumePath,
            Catalog = input.Catalog,
            Schema = input.Schema,
            Volume = input.Volume,
            RemotePath = input.RemotePath,
            Include = (input.Include ?? []).Select(p => new TaskItem("pattern", new Dictionary<string, string> { ["Pattern"] = p })).ToArray(),
            Exclude = (input.Exclude ?? []).Select(p => new TaskItem("pattern", new Dictionary<string, string> { ["Pattern"] = p })).ToArray(),
            MaxConcurrentUploads = input.MaxConcurrent,
            HashLength = input.HashLength,
            RetryBudget = input.RetryBudget,
            HashCacheDirectory = Path.Combine(_root, "cache"),
            GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
            HomeDirectory = Path.Combine(_root, "home"),
        };

        Assert.False(task.Execute());
        return engine.Errors.Select(e => e.Code).Order(StringComparer.Ordinal).ToArray();
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["DATABRICKS_HOST"] = _emulator.BaseUri.ToString(),
        ["DATABRICKS_TOKEN"] = Token,
        ["HOME"] = Path.Combine(_root, "home"),
        ["DATABRICKS_CONFIG_FILE"] = Path.Combine(_root, "home", "no-databrickscfg"),
    };

    private static string VolsyncDll => Path.Combine(AppContext.BaseDirectory, "volsync.dll");

    [GeneratedRegex(@"^error (?<code>VOLSYNC[0-9]{4}): ", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
