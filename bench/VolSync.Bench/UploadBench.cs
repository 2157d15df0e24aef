using System.Diagnostics;
using System.Globalization;
using VolSync.Auth;
using VolSync.Discovery;
using VolSync.Hashing;
using VolSync.Remote;
using VolSync.Remote.Databricks;
using VolSync.Transfer;

namespace VolSync.Bench;

/// <summary>
/// One upload of one file for build/bench.sh, as a sync makes it (content verified against its SHA-256 while it
/// is read, a sync's 5 transfer slots): one PUT, or in parts. Prints "wall-seconds cpu-seconds peak-working-set-MiB"
/// of the upload alone on one line; the script runs curl beside it against the same emulator and compares.
/// </summary>
internal static class UploadBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 5 || args[3] is not ("single" or "multipart"))
        {
            Console.Error.WriteLine("usage: VolSync.Bench upload <host> <file> single|multipart <remote-path>");
            return 2;
        }

        var (host, path, mode, remote) = (new Uri(args[1]), args[2], args[3], args[4]);
        var info = new FileInfo(path);
        // The hash a sync would have from its hashing phase (or its cache); not part of the upload's time.
        var sha256 = FileHasher.HashFile(new LocalFile(info.FullName, info.Name, info.Length, info.LastWriteTimeUtc.Ticks)).Sha256;

        var verbose = args.Contains("--verbose");
        using var client = new DatabricksClient(host, new PatCredentials("bench-token"), new DatabricksClientOptions { Logger = verbose ? new StderrLogger() : null });
        var options = new UploadOptions
        {
            MultipartThreshold = mode == "multipart" ? MultipartThreshold.Minimum : null,
            Slots = new UploadSlots(Option(args, "--slots") ?? 5),
        };
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var route = await client.UploadAsync(remote, _ => ValueTask.FromResult<Stream>(Open(info, sha256)), info.Length, options).ConfigureAwait(false);
        clock.Stop();
        self.Refresh();
        cpu = self.TotalProcessorTime - cpu;
        if (route.InParts != (mode == "multipart"))
        {
            Console.Error.WriteLine($"expected a {mode} upload, got {route}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.000} {cpu.TotalSeconds:0.000} {self.PeakWorkingSet64 / (1024.0 * 1024):0}"));
        return 0;
    }

    private static int? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;

    private sealed class StderrLogger : VolSync.Diagnostics.ISyncLogger
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void Log(VolSync.Diagnostics.SyncLogLevel level, string message, string? code = null) =>
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds,8:0.000} {message}"));
    }

    private static VerifyingReadStream Open(FileInfo info, string sha256)
    {
        var stream = new FileStream(info.FullName, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.SequentialScan,
            BufferSize = 0,
        });
        return new VerifyingReadStream(stream, info.Length, sha256, info.FullName, null, () => throw new InvalidOperationException("the file changed"));
    }
}
