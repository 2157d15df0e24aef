using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Transfer;

namespace VolSync.Core.Tests.Transfer;

public class VerifyingReadStreamTests
{
    private static (VerifyingReadStream Stream, Func<bool> MismatchSeen) Wrap(byte[] actual, byte[] hashed, long? length = null)
    {
        var seen = false;
        var stream = new VerifyingReadStream(new MemoryStream(actual), length ?? hashed.Length, Sha.Hex(hashed), "/x/file.bin", null, () => seen = true);
        return (stream, () => seen);
    }

    private static async Task<(int Delivered, Exception? Error)> DrainAsync(Stream stream, int chunk)
    {
        var buffer = new byte[chunk];
        var delivered = 0;
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                delivered += n;
            }

            return (delivered, null);
        }
        catch (Exception ex)
        {
            return (delivered, ex);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task Passes_the_hashed_content_through(int size)
    {
        var content = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();
        var (stream, mismatch) = Wrap(content, content);

        var (delivered, error) = await DrainAsync(stream, 64);

        Assert.Null(error);
        Assert.Equal(size, delivered);
        Assert.False(mismatch());
    }

    [Fact]
    public async Task Different_content_throws_before_the_last_bytes_are_handed_over()
    {
        var hashed = new byte[1000];
        var changed = (byte[])hashed.Clone();
        changed[500] = 1;
        var (stream, mismatch) = Wrap(changed, hashed);

        var (delivered, error) = await DrainAsync(stream, 128);

        var ex = Assert.IsAssignableFrom<VolSyncException>(error);
        Assert.Equal(DiagnosticCodes.FileChangedDuringSync.Code, ex.Code);
        Assert.True(delivered < hashed.Length);
        Assert.True(mismatch());
    }

    [Fact]
    public void A_shorter_file_throws_with_synchronous_reads_too()
    {
        var (stream, mismatch) = Wrap(new byte[10], new byte[20]);
        var buffer = new byte[64];

        Assert.Equal(10, stream.Read(buffer, 0, buffer.Length));
        Assert.Throws<VolSync.Hashing.LocalFileChangedException>(() => stream.Read(buffer, 0, buffer.Length));
        Assert.True(mismatch());
    }

    [Fact]
    public async Task Never_hands_over_more_than_the_hashed_length()
    {
        var hashed = new byte[100];
        var grown = new byte[150];
        var (stream, mismatch) = Wrap(grown, hashed);

        var (delivered, error) = await DrainAsync(stream, 64);

        Assert.Null(error);
        Assert.Equal(100, delivered);
        Assert.False(mismatch());
    }
}
