// Hashing benchmark for build/bench.sh: one big file (throughput and flat memory) and many small files
// (one core against all cores). Prints Markdown table rows; bench.sh puts openssl and sha256sum beside them.
using System.Diagnostics;
using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using VolSync.Discovery;
using VolSync.Hashing;

var inv = CultureInfo.InvariantCulture;
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: VolSync.Bench big <file> [repeats] | many <dir> | tree <local> <count> <dirs> <remote> | random-tree <local> <count> <max-bytes> <seed> | verify <local> <remote> | upload <host> <file> single|multipart <remote-path> | limits <volsync.dll> <work> <files> <label=n|auto>... | faults <volsync.dll> <work> <files> <n|auto> <429/503/drop>...");
    return 2;
}

switch (args[0])
{
    case "big":
        Big(args[1], args.Length > 2 ? int.Parse(args[2], inv) : 3);
        return 0;
    case "many":
        await ManyAsync(args[1]);
        return 0;
    case "tree" when args.Length == 5:
        ReliabilityTools.Tree(args[1], int.Parse(args[2], inv), int.Parse(args[3], inv), args[4]);
        return 0;
    case "random-tree" when args.Length == 5:
        ReliabilityTools.RandomTree(args[1], int.Parse(args[2], inv), int.Parse(args[3], inv), int.Parse(args[4], inv));
        return 0;
    case "verify" when args.Length == 3:
        ReliabilityTools.Verify(args[1], args[2]);
        return 0;
    case "upload":
        return await VolSync.Bench.UploadBench.RunAsync(args);
    case "limits":
        // limits <volsync.dll> <work> <files> <label=max-concurrent>...
        return await VolSync.Bench.ThroughputBench.LimitsAsync(args[1], args[2], int.Parse(args[3], inv), args[4..]);
    case "faults":
        // faults <volsync.dll> <work> <files> <max-concurrent> <429/503/drop>...
        return await VolSync.Bench.ThroughputBench.FaultsAsync(args[1], args[2], int.Parse(args[3], inv), args[4], args[5..]);
    default:
        Console.Error.WriteLine($"unknown mode {args[0]}");
        return 2;
}

void Big(string path, int repeats)
{
    var info = new FileInfo(path);
    var file = new LocalFile(info.DirectoryName!, info.Name, info.Length, info.LastWriteTimeUtc.Ticks);
    string? reference = null;

    // Warm-up so tiering and the page cache do not colour the first variant.
    FileHasher.HashFile(file);

    var variants = new (string Name, Func<string> Run)[]
    {
        ("FileHasher, 1 MiB reads (shipped)", () => FileHasher.HashFile(file).Sha256),
        ("FileHasher, 64 KiB reads", () => FileHasher.HashFile(file, bufferSize: 64 * 1024).Sha256),
        ("FileHasher, 256 KiB reads", () => FileHasher.HashFile(file, bufferSize: 256 * 1024).Sha256),
        ("FileHasher, 4 MiB reads", () => FileHasher.HashFile(file, bufferSize: 4 * 1024 * 1024).Sha256),
        ("SHA256.HashData(FileStream bufferSize 0)", () =>
        {
            using var fs = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 0, Options = FileOptions.SequentialScan });
            return Convert.ToHexStringLower(SHA256.HashData(fs));
        }),
        ("memory-mapped, 64 MiB views into IncrementalHash", () => MemoryMapped(path, info.Length)),
    };

    // CPU time (user + system, this process) is the fair divisor on a shared machine: openssl speed also
    // divides by CPU time unless given -elapsed.
    Console.WriteLine("| variant | MB per CPU-second (best of " + repeats.ToString(inv) + ") | MB/s wall | peak working set MiB | managed bytes allocated |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    InMemory(info.Length);
    foreach (var (name, run) in variants)
    {
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        long allocated = 0;
        for (var i = 0; i < repeats; i++)
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = CpuSeconds();
            var sw = Stopwatch.StartNew();
            var hash = run();
            sw.Stop();
            bestCpu = Math.Min(bestCpu, CpuSeconds() - cpu);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            reference ??= hash;
            if (hash != reference)
            {
                throw new InvalidOperationException($"{name} computed {hash}, expected {reference}");
            }

            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(inv, $"| {name} | {info.Length / bestCpu / 1e6:0} | {info.Length / best / 1e6:0} | {self.PeakWorkingSet64 / (1024.0 * 1024):0} | {allocated:N0} |"));
    }

    Console.WriteLine();
    Console.WriteLine($"sha256 {reference}");
}

static double CpuSeconds()
{
    using var self = Process.GetCurrentProcess();
    return self.TotalProcessorTime.TotalSeconds;
}

void InMemory(long length)
{
    // The hash alone, no IO: the same bytes count pushed through IncrementalHash from one 1 MiB buffer.
    var buffer = new byte[1 << 20];
    Random.Shared.NextBytes(buffer);
    var bestCpu = double.MaxValue;
    var best = double.MaxValue;
    for (var i = 0; i < 3; i++)
    {
        var cpu = CpuSeconds();
        var sw = Stopwatch.StartNew();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (long done = 0; done < length; done += buffer.Length)
        {
            sha.AppendData(buffer);
        }

        sha.GetHashAndReset();
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
        bestCpu = Math.Min(bestCpu, CpuSeconds() - cpu);
    }

    Console.WriteLine(string.Create(inv, $"| IncrementalHash over a memory buffer (no IO, reference) | {length / bestCpu / 1e6:0} | {length / best / 1e6:0} | - | - |"));
}

static string MemoryMapped(string path, long length)
{
    using var mmf = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
    using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    const long Window = 64L * 1024 * 1024;
    for (long offset = 0; offset < length; offset += Window)
    {
        var size = Math.Min(Window, length - offset);
        using var view = mmf.CreateViewAccessor(offset, size, MemoryMappedFileAccess.Read);
        unsafe
        {
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            try
            {
                sha.AppendData(new ReadOnlySpan<byte>(p + view.PointerOffset, (int)size));
            }
            finally
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
            }
        }
    }

    return Convert.ToHexStringLower(sha.GetHashAndReset());
}

async Task ManyAsync(string dir)
{
    var files = new FileSelector(null, null).Discover(dir).Files;
    var bytes = files.Sum(f => f.Size);
    await FileHasher.HashAllAsync(files); // warm-up

    Console.WriteLine($"| many files: {files.Count} files, {bytes / (1024.0 * 1024):0} MiB | seconds (best of 3) | MB/s | files/s |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var degree in new[] { 1, Environment.ProcessorCount })
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            var outcomes = await FileHasher.HashAllAsync(files, maxDegreeOfParallelism: degree);
            sw.Stop();
            if (outcomes.Any(o => o.Hashed is null))
            {
                throw new InvalidOperationException("a file failed to hash");
            }

            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        Console.WriteLine(string.Create(inv, $"| FileHasher.HashAllAsync, {degree} thread(s) | {best:0.000} | {bytes / best / 1e6:0} | {files.Count / best:0} |"));
    }
}
