using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using VolSync.Emulator;
using VolSync.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VolSync.EndToEnd.Tests;

/// <summary>
/// The product's main door, as a user meets it: the packed VolSync.Build referenced from a fresh project,
/// <c>dotnet publish -p:VolSyncEnabled=true</c> in a child process, the emulator as the workspace, the token
/// only in the environment. One project is shared by the class (restore and compile are the slow part on small
/// machines); each test syncs to its own remote sub-path, so no test depends on another's remote state.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed partial class MSBuildEndToEndTests : IAsyncLifetime
{
    private const string Token = "dapi-E2E-SECRET-7f3a9c";
    private const string VolumePath = "/Volumes/main/default/apps";
    private const string FilesApi = "/api/2.0/fs/files";

    private static readonly SemaphoreSlim ProjectGate = new(1, 1);
    private static ConsumerProject? s_project;

    private readonly PackedPackageFixture _package;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _binlogs = [];
    private EmulatorServer _emulator = null!;
    private string _emulatorRoot = null!;

    public MSBuildEndToEndTests(PackedPackageFixture package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    [GeneratedRegex(@"error VOLSYNC1[0-9]{3}")]
    private static partial Regex RemoteError();

    [GeneratedRegex(@"VolSync: (?<up>[0-9]+) uploaded, (?<skip>[0-9]+) skipped, (?<fail>[0-9]+) failed")]
    private static partial Regex Summary();

    public async Task InitializeAsync()
    {
        _emulatorRoot = Path.Combine(_package.Root, "remote-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_emulatorRoot);
        var options = new EmulatorOptions { RootDirectory = _emulatorRoot, RequiredToken = Token };
        options.ForbiddenPathPrefixes.Add(VolumePath + "/forbidden");
        _emulator = await EmulatorServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Publish_uploads_hashed_files_then_only_what_changed()
    {
        await RunKeepingLogsOnFailure(async () =>
        {
            var project = await ProjectAsync();
            var remote = VolumePath + "/scenario";

            // 1. First publish: every file of the publish folder lands under its hashed name.
            var first = await PublishAsync(project, "scenario", "first");
            AssertSucceeded(first);
            var published = Directory.GetFiles(project.PublishDirectory, "*", SearchOption.AllDirectories);
            Assert.Equal(published.Length, Puts(remote).Count);
            var stored = StoredFiles(remote);
            Assert.Equal(published.Length, stored.Count);
            Assert.Contains(stored, f => Regex.IsMatch(f, @"^hello_[0-9a-f]{16}\.dll$"));
            Assert.Contains(stored, f => Regex.IsMatch(f, @"^hello\.runtimeconfig_[0-9a-f]{16}\.json$"));
            Assert.Equal(published.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Summary().Match(first.Output).Groups["up"].Value);

            // 2. Publishing again changes nothing remotely.
            _emulator.Requests.Clear();
            var second = await PublishAsync(project, "scenario", "second");
            AssertSucceeded(second);
            Assert.Empty(Puts(remote));
            Assert.Equal("0", Summary().Match(second.Output).Groups["up"].Value);

            // 3. After a source change, a dry run shows the plan and writes nothing.
            project.WriteProgram("Hello again from VolSync!");
            _emulator.Requests.Clear();
            var dry = await PublishAsync(project, "scenario", "dry", "-p:VolSyncDryRun=true");
            AssertSucceeded(dry);
            Assert.Empty(Puts(remote));
            Assert.Contains("(VolSync dry run: ", dry.Output, StringComparison.Ordinal);
            Assert.Equal(stored, StoredFiles(remote));

            // 4. The real publish uploads the rebuilt assembly (and its symbols), not the unchanged files.
            var third = await PublishAsync(project, "scenario", "third");
            AssertSucceeded(third);
            var changed = Puts(remote).Select(p => Path.GetFileName(p)).ToList();
            Assert.Contains(changed, n => n.StartsWith("hello_", StringComparison.Ordinal) && n.EndsWith(".dll", StringComparison.Ordinal));
            Assert.All(changed, n => Assert.Matches(@"^hello_[0-9a-f]{16}\.(dll|pdb)$", n));
        });
    }

    [Fact]
    public async Task Design_time_builds_never_sync_even_when_enabled()
    {
        await RunKeepingLogsOnFailure(async () =>
        {
            var project = await ProjectAsync();
            var remote = VolumePath + "/design-time";
            _emulator.Requests.Clear();

            // What an IDE does while the user types: the same properties, plus DesignTimeBuild.
            var designTime = await PublishAsync(project, "design-time", "design-time", "-p:DesignTimeBuild=true");

            AssertSucceeded(designTime);
            Assert.DoesNotMatch(Summary(), designTime.Output);
            Assert.Empty(_emulator.Requests.Snapshot());
            Assert.Empty(StoredFiles(remote));
        });
    }

    [Fact]
    public async Task Token_is_absent_from_the_binary_log()
    {
        await RunKeepingLogsOnFailure(async () =>
        {
            var project = await ProjectAsync();
            var publish = await PublishAsync(project, "token", "token");
            AssertSucceeded(publish);
            Assert.DoesNotContain(Token, publish.Output, StringComparison.Ordinal);

            var diagLog = Path.Combine(project.Directory, "diag-token.log");
            var replay = await DotNetRunner.RunAsync(project.Directory, ["msbuild", _binlogs[^1], "-noconlog", "-flp:v=diag;logfile=" + diagLog, "-nologo"], Environment());
            Assert.True(replay.ExitCode == 0, replay.ToString());
            var diag = await File.ReadAllTextAsync(diagLog);
            // The replay really rendered this build: it holds the task's parameters and summary.
            Assert.Contains("VolSyncVolumePath", diag, StringComparison.Ordinal);
            Assert.Contains("VolSync: ", diag, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, diag, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, ReadBinlogRaw(_binlogs[^1]), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Forbidden_path_fails_the_build_with_a_remote_error()
    {
        await RunKeepingLogsOnFailure(async () =>
        {
            var project = await ProjectAsync();
            var publish = await PublishAsync(project, "forbidden", "forbidden");

            Assert.NotEqual(0, publish.ExitCode);
            Assert.Matches(RemoteError(), publish.Output);
            Assert.Empty(StoredFiles(VolumePath + "/forbidden"));
        });
    }

    [Fact]
    public async Task The_terminal_logger_shows_the_summary_on_the_project_line_and_the_sync_in_its_live_area()
    {
        await RunKeepingLogsOnFailure(async () =>
        {
            var project = await ProjectAsync();
            // Slow enough that the live area redraws while the task runs.
            _emulator.Options.LatencyMs = 300;

            // A developer's terminal: the .NET terminal logger, at its default verbosity.
            var publish = await PublishAsync(project, "terminal", "terminal", terminal: true);

            Assert.True(publish.ExitCode == 0, publish.ToString());
            var screen = TerminalText.FinalLines(publish.Output);
            var everything = TerminalText.Everything(publish.Output);
            Assert.Contains(screen, l => l.StartsWith("Build succeeded in ", StringComparison.Ordinal)); // the terminal logger's own ending
            var line = Assert.Single(screen, l => l.Contains(" succeeded (", StringComparison.Ordinal) && l.Contains("VolSync", StringComparison.Ordinal));
            Assert.Matches(@"^\s*hello net10\.0 succeeded \([0-9.]+s\) → /Volumes/main/default/apps/terminal \(VolSync: [0-9]+ uploaded, 0 skipped, 0 failed, [0-9.]+ (?:[KM]i)?B in [0-9.]+ s, new release [0-9T]+Z-[0-9a-f]{8}\)$", line);
            Assert.Equal(Summary().Match(line).Groups["up"].Value, Directory.GetFiles(project.PublishDirectory, "*", SearchOption.AllDirectories).Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // While the task ran, the live area named it.
            Assert.Contains("VolSyncPublish (", everything, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task VolSyncPublish_target_runs_alone()
    {
        await RunKeepingLogsOnFailure(async () =>
        {
            var project = await ProjectAsync();
            if (!Directory.Exists(project.PublishDirectory))
            {
                AssertSucceeded(await PublishAsync(project, "warmup", "warmup", "-p:VolSyncEnabled=false"));
            }

            var remote = VolumePath + "/alone";
            var binlog = NewBinlog("alone");
            var run = await DotNetRunner.RunAsync(
                project.Directory,
                ["msbuild", project.ProjectFile, "-t:VolSyncPublish", "-p:Configuration=Release", "-p:VolSyncVolumePath=" + remote, "-p:VolSyncExcludePatterns=*.pdb", "-p:VolSyncCreateVolume=true", "-bl:" + binlog, "-nodeReuse:false", "-tl:off", "-v:n", "-nologo"],
                Environment());

            AssertSucceeded(run);
            var published = Directory.GetFiles(project.PublishDirectory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".pdb", StringComparison.Ordinal)).ToList();
            var stored = StoredFiles(remote);
            Assert.Equal(published.Count, stored.Count);
            Assert.DoesNotContain(stored, f => f.EndsWith(".pdb", StringComparison.Ordinal));
        });
    }

    private async Task<ConsumerProject> ProjectAsync()
    {
        _package.EnsurePacked();
        await ProjectGate.WaitAsync();
        try
        {
            return s_project ??= new ConsumerProject(_package);
        }
        finally
        {
            ProjectGate.Release();
        }
    }

    private Task<DotNetResult> PublishAsync(ConsumerProject project, string subPath, string label, params string[] extra) =>
        PublishAsync(project, subPath, label, terminal: false, extra);

    /// <param name="project">The consumer project.</param>
    /// <param name="subPath">VolSyncRemotePath.</param>
    /// <param name="label">Names the binlog.</param>
    /// <param name="terminal">On a pseudo-terminal with the terminal logger at its default verbosity; else redirected, console logger, -v:n.</param>
    /// <param name="extra">More arguments.</param>
    private async Task<DotNetResult> PublishAsync(ConsumerProject project, string subPath, string label, bool terminal, params string[] extra)
    {
        var binlog = NewBinlog(label);
        string[] loggers = terminal ? ["-tl:on"] : ["-tl:off", "-v:n"];
        string[] arguments =
        [
            "publish", project.ProjectFile,
            "-p:VolSyncEnabled=true",
            "-p:VolSyncVolumePath=" + VolumePath,
            "-p:VolSyncRemotePath=" + subPath,
            "-p:VolSyncCreateVolume=true",
            "-bl:" + binlog, "-nodeReuse:false", .. loggers, "-nologo",
            .. extra,
        ];
        var result = terminal
            ? await DotNetRunner.RunInTerminalAsync(project.Directory, arguments, Environment())
            : await DotNetRunner.RunAsync(project.Directory, arguments, Environment());
        _output.WriteLine(result.CommandLine + " → exit " + result.ExitCode);
        var summary = Summary().Match(result.Output);
        if (summary.Success)
        {
            _output.WriteLine("  " + summary.Value);
        }

        return result;
    }

    private string NewBinlog(string label)
    {
        var path = Path.Combine(_package.Root, "binlogs", $"{label}-{Guid.NewGuid().ToString("N")[..6]}.binlog");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _binlogs.Add(path);
        return path;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["NUGET_PACKAGES"] = _package.PackagesFolder,
        ["DATABRICKS_HOST"] = _emulator.BaseUri.ToString(),
        ["DATABRICKS_TOKEN"] = Token,
        // An empty home: no ~/.databrickscfg of the machine can take part.
        ["DATABRICKS_CONFIG_FILE"] = Path.Combine(_package.Root, "no-databrickscfg"),
    };

    /// <summary>Successful PUTs of user files under a remote root (not of VolSync's <c>.volsync/</c> folder), relative to it.</summary>
    private List<string> Puts(string remoteDirectory) =>
        _emulator.Requests.Snapshot()
            .Where(r => r.Method == "PUT" && r.Status is >= 200 and < 300 && r.Path.StartsWith(FilesApi + remoteDirectory + "/", StringComparison.Ordinal))
            .Select(r => r.Path[(FilesApi + remoteDirectory + "/").Length..])
            .Where(p => !p.StartsWith(".volsync/", StringComparison.Ordinal))
            .ToList();

    /// <summary>User files stored under a remote root, relative to it (VolSync's <c>.volsync/</c> left out).</summary>
    private List<string> StoredFiles(string remoteDirectory) =>
        StoredFilesWithVolSync(remoteDirectory).Where(f => !f.StartsWith(".volsync/", StringComparison.Ordinal)).ToList();

    private List<string> StoredFilesWithVolSync(string remoteDirectory)
    {
        var local = Path.Combine(_emulatorRoot, remoteDirectory.TrimStart('/'));
        return Directory.Exists(local)
            ? Directory.EnumerateFiles(local, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(local, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private static void AssertSucceeded(DotNetResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("error VOLSYNC", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning VOLSYNC", result.Output, StringComparison.Ordinal);
    }

    /// <summary>The binlog's decompressed bytes as text: a secret in any record (environment, properties) would show.</summary>
    private static string ReadBinlogRaw(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Binlogs are kept (under artifacts/test-results) only when the test fails.</summary>
    private async Task RunKeepingLogsOnFailure(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            Directory.CreateDirectory(RepoPaths.FailureLogs);
            foreach (var binlog in _binlogs.Where(File.Exists))
            {
                File.Copy(binlog, Path.Combine(RepoPaths.FailureLogs, Path.GetFileName(binlog)), overwrite: true);
            }

            throw;
        }
        finally
        {
            foreach (var binlog in _binlogs.Where(File.Exists))
            {
                File.Delete(binlog);
            }
        }
    }
}
