using System.Diagnostics;
using System.Globalization;
using VolSync.Emulator;

namespace VolSync.Bench;

/// <summary>
/// Request-bound throughput and fault tolerance of a real <c>volsync upload</c> (the CLI as its own process, so any
/// build of it can be measured, old or new) against an in-process emulator that enforces the service's limits.
/// Prints Markdown tables; every ratio is against a reference run made in the same invocation.
/// </summary>
internal static class ThroughputBench
{
    private const string Token = "bench-token";
    private const string Volume = "/Volumes/main/default/bench";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// 1000 × 1 KiB, cold, against <c>--latency-ms 100 --max-concurrent 10 --max-qps 100</c>: the service's limits
    /// at 100 ms a request, so no client can do better than 100 requests (files) a second. Each run is
    /// <c>label=concurrency[@volsync.dll]</c> (another build of the CLI, e.g. the seed's, for "today"); the ratio
    /// column is against this build's run labelled <c>fixed 5</c>, made in the same invocation.
    /// </summary>
    public static async Task<int> LimitsAsync(string cli, string work, int files, IReadOnlyList<string> runs)
    {
        var source = Path.Combine(work, "small");
        MakeFiles(source, files, _ => 1024, seed: 1);
        Console.WriteLine($"{files} files of 1 KiB, cold; emulator --latency-ms 100 --max-concurrent 10 --max-qps 100 --retry-after 1 (bound: 100 requests/s)");
        Console.WriteLine();
        var rows = new List<(string Label, Outcome Outcome, TimeSpan Phase, int Answered429)>();
        foreach (var run in runs)
        {
            var (label, concurrency, runCli) = Split(run, cli);
            var outcome = await RunAsync(runCli, work, source, concurrency, o =>
            {
                o.LatencyMs = 100;
                o.MaxConcurrent = 10;
                o.MaxQps = 100;
                o.RetryAfterSeconds = 1;
            }).ConfigureAwait(false);
            var puts = outcome.Requests.Where(r => r.Method == "PUT" && r.Path.StartsWith("/api/2.0/fs/files" + Volume + "/d", StringComparison.Ordinal)).ToList();
            // The upload phase: from the first upload's arrival to the last one's answer (arrival + the 100 ms latency).
            var phase = puts.Count == 0 ? TimeSpan.Zero : puts.Max(r => r.At) - puts.Min(r => r.At) + TimeSpan.FromMilliseconds(100);
            rows.Add((label, outcome, phase, outcome.Requests.Count(r => r.Status == 429)));
        }

        var reference = rows.FirstOrDefault(r => r.Label == "fixed 5");
        Console.WriteLine("| run (--max-concurrent) | uploaded | exit | whole run s | files/s (whole run) | upload phase s | files/s (upload phase) | share of the 100 req/s bound | × fixed 5 (upload phase) | requests | answered 429 | share 429 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, outcome, phase, answered429) in rows)
        {
            var rate = files / phase.TotalSeconds;
            var ratio = reference.Label is null ? "-" : (rate / (files / reference.Phase.TotalSeconds)).ToString("0.00", Inv) + "×";
            Console.WriteLine(string.Create(Inv, $"| {label} | {outcome.Stored}/{files} | {outcome.ExitCode} | {outcome.Wall.TotalSeconds:0.00} | {files / outcome.Wall.TotalSeconds:0.0} | {phase.TotalSeconds:0.00} | {rate:0.0} | {rate / 100:0.00} | {ratio} | {outcome.Requests.Count} | {answered429} | {100.0 * answered429 / Math.Max(1, outcome.Requests.Count):0.0}% |"));
        }

        return 0;
    }

    /// <summary>1000 files of 0 B–2 MiB: fault-free, then mild and harsh random faults, each against a fresh emulator.</summary>
    public static async Task<int> FaultsAsync(string cli, string work, int files, string concurrency, IReadOnlyList<string> levels)
    {
        var source = Path.Combine(work, "mixed");
        var random = new Random(20261201);
        var sizes = Enumerable.Range(0, files).Select(_ => (long)random.Next(0, (2 * 1024 * 1024) + 1)).ToArray();
        MakeFiles(source, files, i => sizes[i], seed: 2);
        Console.WriteLine(string.Create(Inv, $"{files} files of 0 B–2 MiB ({sizes.Sum() / 1048576.0:0} MiB), cold, --max-concurrent {concurrency}; emulator --retry-after 1, seeded faults"));
        Console.WriteLine();
        Console.WriteLine("| faults (429 / 503 / drop) | uploaded | exit | whole run s | × fault-free | requests | 429 | 503 | dropped |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        double? reference = null;
        foreach (var level in levels)
        {
            var rates = level.Split('/').Select(p => double.Parse(p, Inv)).ToArray();
            var outcome = await RunAsync(cli, work, source, concurrency, o =>
            {
                o.Rate429 = rates[0];
                o.Rate503 = rates[1];
                o.RateDrop = rates[2];
                o.RetryAfterSeconds = 1;
            }, seed: 7).ConfigureAwait(false);
            reference ??= outcome.Wall.TotalSeconds;
            var ratio = outcome.Wall.TotalSeconds / reference.Value;
            Console.WriteLine(string.Create(Inv, $"| {level} | {outcome.Stored}/{files} | {outcome.ExitCode} | {outcome.Wall.TotalSeconds:0.0} | {ratio:0.0}× | {outcome.Requests.Count} | {outcome.Requests.Count(r => r.Status == 429)} | {outcome.Requests.Count(r => r.Status == 503)} | {outcome.Requests.Count(r => r.Status == 0)} |"));
        }

        return 0;
    }

    /// <summary><c>label=concurrency[@volsync.dll]</c>, or just the concurrency.</summary>
    private static (string Label, string Concurrency, string Cli) Split(string run, string cli)
    {
        var at = run.IndexOf('@', StringComparison.Ordinal);
        var (spec, runCli) = at < 0 ? (run, cli) : (run[..at], run[(at + 1)..]);
        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (spec, spec, runCli) : (spec[..eq], spec[(eq + 1)..], runCli);
    }

    private static async Task<Outcome> RunAsync(string cli, string work, string source, string concurrency, Action<EmulatorOptions> faults, int? seed = null)
    {
        var root = Path.Combine(work, "emulator-" + Guid.NewGuid().ToString("N")[..8]);
        // A fresh home per run: no hash cache from an earlier run, so every run hashes the same (cold) files.
        var home = Path.Combine(work, "home-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(home);
        var options = new EmulatorOptions { RootDirectory = root, RequiredToken = Token, Seed = seed };
        await using var server = await EmulatorServer.StartAsync(options).ConfigureAwait(false);
        using (var http = new HttpClient { BaseAddress = server.BaseUri })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
            using var body = new StringContent("""{"catalog_name":"main","schema_name":"default","name":"bench","volume_type":"MANAGED"}""");
            using var created = await http.PostAsync(new Uri("/api/2.1/unity-catalog/volumes", UriKind.Relative), body).ConfigureAwait(false);
            created.EnsureSuccessStatusCode();
        }

        server.Requests.Clear();
        faults(server.Options);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "upload", source, "--volume-path", Volume, "--max-concurrent", concurrency, "--json" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DATABRICKS_", StringComparison.Ordinal) || k.StartsWith("ARM_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DATABRICKS_HOST"] = server.BaseUri.GetLeftPart(UriPartial.Authority);
        start.Environment["DATABRICKS_TOKEN"] = Token;
        start.Environment["HOME"] = home;
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(home, "data");
        start.Environment["LOCALAPPDATA"] = Path.Combine(home, "local");

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        clock.Stop();
        await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        var requests = server.Requests.Snapshot();
        var volumeDir = Path.Combine(root, "Volumes", "main", "default", "bench");
        var stored = Directory.Exists(volumeDir)
            ? Directory.EnumerateFiles(volumeDir, "*", SearchOption.AllDirectories).Count(f => !f.Contains(Path.DirectorySeparatorChar + ".volsync" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            : 0;
        if (process.ExitCode != 0)
        {
            // The coded lines say why (a file's own code, then the run's); retry notices do not.
            var coded = errors.Split('\n').Where(l => l.Contains("VOLSYNC", StringComparison.Ordinal)).Select(l => l.Trim()).Take(5);
            Console.Error.WriteLine($"volsync exited {process.ExitCode}: {string.Join(" | ", coded)}");
        }

        await server.StopAsync().ConfigureAwait(false);
        Directory.Delete(root, recursive: true);
        Directory.Delete(home, recursive: true);
        return new Outcome(clock.Elapsed, process.ExitCode, stored, requests);
    }

    private static void MakeFiles(string directory, int count, Func<int, long> size, int seed)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var random = new Random(seed);
        var buffer = new byte[2 * 1024 * 1024];
        for (var i = 0; i < count; i++)
        {
            var folder = Path.Combine(directory, "d" + (i % 10).ToString(Inv));
            Directory.CreateDirectory(folder);
            var length = (int)size(i);
            random.NextBytes(buffer.AsSpan(0, length));
            File.WriteAllBytes(Path.Combine(folder, "f" + i.ToString("0000", Inv) + ".bin"), buffer.AsSpan(0, length).ToArray());
        }
    }

    private sealed record Outcome(TimeSpan Wall, int ExitCode, int Stored, IReadOnlyList<RecordedRequest> Requests);
}
