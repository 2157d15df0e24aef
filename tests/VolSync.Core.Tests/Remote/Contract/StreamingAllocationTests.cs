namespace VolSync.Core.Tests.Remote.Contract;

/// <summary>
/// No other test of this assembly runs while these do: GC.GetTotalAllocatedBytes counts the whole process, and a
/// per-thread counter cannot follow an upload across awaits. Alone, the count is the upload's (client and emulator).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurementCollection
{
    public const string Name = "Allocation measurements (run alone)";
}

[Collection(AllocationMeasurementCollection.Name)]
public sealed class StreamingAllocationTests
{
    private const string V = ClientAgainstEmulator.Volume;

    [Fact]
    public async Task A_100_MB_upload_is_streamed_not_buffered()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        const long size = 100L * 1024 * 1024;
        var source = Path.Combine(h.Root, "source.bin");
        await UploadContractTests.WritePatternFileAsync(source, size);

        // Warm up the connection and the code paths so the measurement sees only the big transfer.
        await h.Client.UploadAsync($"{V}/warm.bin", ClientAgainstEmulator.Content([1]), 1, overwrite: true);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await h.Client.UploadAsync(
            $"{V}/big/100mb.bin",
            _ => new ValueTask<Stream>(new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan)),
            size,
            overwrite: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Client and emulator share this process, so this counts both sides; a buffered body alone would be 100 MB.
        Assert.True(allocated < size / 4, $"allocated {allocated:N0} bytes while uploading {size:N0}");
        Assert.Equal(size, new FileInfo(h.DiskPath($"{V}/big/100mb.bin")).Length);
        Assert.Equal(await UploadContractTests.HashFileAsync(source), await UploadContractTests.HashFileAsync(h.DiskPath($"{V}/big/100mb.bin")));
        var metadata = await h.Client.GetFileMetadataAsync($"{V}/big/100mb.bin");
        Assert.Equal(size, metadata!.Length);
    }
}
