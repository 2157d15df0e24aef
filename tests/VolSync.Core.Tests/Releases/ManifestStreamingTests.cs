using System.Text;
using System.Text.Json;
using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Core.Tests.Releases;

/// <summary>
/// Manifests stream both ways (issue 12.9): read unit by unit from a stream, written batch by batch. Every streamed
/// path must give exactly what the whole-document path gives: the same manifest, the same errors, the same bytes.
/// </summary>
public sealed class ManifestStreamingTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private static ReleaseFile Hashed(string path, string content)
    {
        var sha = Sha.Hex(content);
        return new ReleaseFile(path, ManifestJson.ExpectedRemotePath(NamingMode.Hashed, 16, path, sha), sha, Encoding.UTF8.GetByteCount(content));
    }

    private static ReleaseManifest Sample(int count, NamingMode naming = NamingMode.Hashed) => ReleaseManifest.Create(
        naming,
        16,
        Enumerable.Range(0, count).Select(i => naming == NamingMode.Hashed
            ? Hashed($"dir{i % 7}/ünï file {i:000}.txt", $"content {i}")
            : new ReleaseFile($"dir{i % 7}/ünï file {i:000}.txt", $"dir{i % 7}/ünï file {i:000}.txt", Sha.Hex($"content {i}"), i)),
        new ReleaseSource { Project = "App", Commit = "c0ffee" },
        Created);

    /// <summary>Hands out at most a few bytes per read, so every unit of the document is cut somewhere.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes, writable: false)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task A_manifest_read_from_a_stream_in_any_chunk_size_is_the_one_its_bytes_parse_to(int chunk)
    {
        var manifest = Sample(300);
        // An unknown value larger than the reader's buffer, keys in another order, unknown keys in entries.
        var big = new string('x', 40_000);
        var text = Encoding.UTF8.GetString(manifest.ToUtf8Bytes())
            .Replace("\"version\":1,", $"\"future\":{{\"x\":[1,\"{big}\",{{}}]}},\"version\":1,")
            .Replace("\"size\":", "\"extra\":[true,null],\"size\":");
        var bytes = Encoding.UTF8.GetBytes(text);

        var streamed = await ManifestJson.ReadAsync(new TrickleStream(bytes, chunk), "(test)", "/Volumes/c/s/v", CancellationToken.None);
        var whole = ReleaseManifest.Parse(bytes, "(test)", "/Volumes/c/s/v");

        Assert.Equal(whole.Files, streamed.Files);
        Assert.Equal(manifest.Files, streamed.Files);
        Assert.Equal(manifest.Header, streamed.Header);
        Assert.Equal(manifest.ToUtf8Bytes(), streamed.ToUtf8Bytes());
    }

    [Theory]
    [InlineData("{\"format\":\"other\",\"version\":1}")]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("{\"format\":\"volsync-manifest\"")]
    [InlineData("{\"files\":[{\"path\":\"a\"}],\"format\":\"volsync-manifest\",\"version\":9}")]
    [InlineData("{\"format\":\"volsync-manifest\",\"version\":1,\"id\":\"20250102T030405678Z-12345678\",\"created\":\"2025-01-02T03:04:05.678Z\",\"naming\":\"hashed\",\"hashLength\":16}")]
    [InlineData("{\"format\":\"volsync-manifest\",\"version\":1,\"id\":\"20250102T030405678Z-12345678\",\"created\":\"2025-01-02T03:04:05.678Z\",\"naming\":\"hashed\",\"hashLength\":16,\"files\":[{\"path\":\"a\",\"remotePath\":\"a\",\"sha256\":\"x\"},7]}")]
    [InlineData("{\"format\":\"volsync-manifest\",\"version\":1,\"id\":\"20250102T030405678Z-12345678\",\"created\":\"2025-01-02T03:04:05.678Z\",\"naming\":\"original\",\"files\":[{\"path\":\"../a\",\"remotePath\":\"a\",\"sha256\":\"x\",\"size\":1}]}")]
    public async Task A_malformed_manifest_gives_the_same_error_read_from_a_stream_as_from_its_bytes(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var whole = Assert.Throws<VolSyncException>(() => ReleaseManifest.Parse(bytes, "(test)"));
        var streamed = await Assert.ThrowsAsync<VolSyncException>(() => ManifestJson.ReadAsync(new TrickleStream(bytes, 3), "(test)", null, CancellationToken.None));

        Assert.Equal(whole.Code, streamed.Code);
        if (json.Length > 0 && !json.StartsWith("{not", StringComparison.Ordinal) && json.EndsWith('}'))
        {
            // Not-JSON messages quote the parser's position; every other message is the same word for word.
            Assert.Equal(whole.Message, streamed.Message);
        }
    }

    [Fact]
    public void The_streamed_document_is_the_bytes_of_the_manifest_in_any_read_size_and_starts_over_when_rewound()
    {
        var manifest = Sample(2000);
        var expected = manifest.ToUtf8Bytes();
        var document = manifest.ToDocument();
        using var content = document.OpenRead();

        var first = ReadAll(content, 1000);
        content.Position = 0;
        var second = ReadAll(content, 65_536);

        Assert.Equal(expected.Length, document.Length);
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.Equal(manifest.Id, document.Header.Id);
    }

    private static byte[] ReadAll(Stream stream, int chunk)
    {
        var output = new MemoryStream();
        var buffer = new byte[chunk];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    [Fact]
    public void A_new_release_made_from_files_as_they_are_enumerated_is_the_release_create_makes()
    {
        var files = Enumerable.Range(0, 500).Select(i => Hashed($"d/f{i:0000}.bin", $"c{i}")).ToList();
        var enumerations = 0;

        var document = ManifestDocument.CreateRelease(NamingMode.Hashed, 16, () => { enumerations++; return files; }, new ReleaseSource { Project = "App" }, Created);
        var bytes = document.ToArray();
        var created = ReleaseManifest.Create(NamingMode.Hashed, 16, files, new ReleaseSource { Project = "App" }, Created);

        Assert.Equal(created.ToUtf8Bytes(), bytes);
        Assert.Equal(created.Id, document.Header.Id);
        Assert.Equal(500, document.FileCount);
        // Once to measure, once to write: nothing of it was kept between.
        Assert.Equal(2, enumerations);
    }

    [Fact]
    public void A_new_release_checks_its_files_as_a_manifest_is_checked()
    {
        var good = Hashed("a.txt", "a");
        var twice = () => ManifestDocument.CreateRelease(NamingMode.Hashed, 16, () => [good, good], null, Created);
        var badHash = () => ManifestDocument.CreateRelease(NamingMode.Hashed, 16, () => [good with { Sha256 = "XYZ" }], null, Created);

        Assert.Contains("listed twice", Assert.Throws<VolSyncException>(twice).Message, StringComparison.Ordinal);
        Assert.Equal("VOLSYNC1200", Assert.Throws<VolSyncException>(badHash).Code);
    }

    [Theory]
    [InlineData(NamingMode.Hashed)]
    [InlineData(NamingMode.Original)]
    public async Task A_sync_reads_the_current_release_as_a_digest_that_matches_the_release_read_whole(NamingMode naming)
    {
        var manifest = Sample(400, naming);
        var current = await ReadCurrentAsync(manifest.ToUtf8Bytes(), withFiles: naming == NamingMode.Original);

        Assert.NotNull(current);
        Assert.Equal(manifest.Header, current.Header);
        Assert.Equal(400, current.FileCount);
        Assert.Equal(manifest.ToDocument().FilesDigest, current.FilesDigest);
        Assert.Equal(CurrentRelease.Of(manifest, withFiles: false, null).FilesDigest, current.FilesDigest);
        if (naming == NamingMode.Original)
        {
            var file = manifest.Files[123];
            Assert.True(current.TryFind(file.Path, out var sha256, out var size));
            Assert.Equal(file.Sha256, sha256.ToString());
            Assert.Equal(file.Size, size);
            Assert.False(current.TryFind("no/such.txt", out _, out _));
            // latest.json rewritten from what was kept is the same document.
            Assert.Equal(manifest.ToUtf8Bytes(), current.ToDocument().ToArray());
        }
    }

    [Fact]
    public async Task A_manifest_not_in_the_shape_volsync_writes_is_left_to_the_whole_read_which_finds_the_same_file_set()
    {
        var manifest = Sample(50);
        using var document = JsonDocument.Parse(manifest.ToUtf8Bytes());
        // Files first and in reverse order: the streaming reader cannot check them as they come.
        var reordered = "{\"files\":[" + string.Join(",", document.RootElement.GetProperty("files").EnumerateArray().Reverse().Select(e => e.GetRawText())) + "],"
            + string.Join(",", document.RootElement.EnumerateObject().Where(p => p.Name != "files").Select(p => JsonSerializer.Serialize(p.Name) + ":" + p.Value.GetRawText())) + "}";
        var bytes = Encoding.UTF8.GetBytes(reordered);

        Assert.Null(await ReadCurrentAsync(bytes, withFiles: false));
        var whole = CurrentRelease.Of(ReleaseManifest.Parse(bytes), withFiles: false, null);
        Assert.Equal(manifest.ToDocument().FilesDigest, whole.FilesDigest);
    }

    private static async Task<CurrentRelease?> ReadCurrentAsync(byte[] bytes, bool withFiles)
    {
        using var reader = new CurrentRelease.Reader("(test)", withFiles);
        var parser = new ManifestParser(reader);
        await parser.ParseAsync(new TrickleStream(bytes, 5), CancellationToken.None);
        return reader.Finish(parser.Fields, null);
    }
}
