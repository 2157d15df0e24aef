using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VolSync.Emulator.Tests;

public sealed class FilesApiTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Put_then_get_round_trips_bytes_with_octet_stream_headers()
    {
        var bytes = RandomNumberGenerator.GetBytes(70_000);
        using (var put = await _emu.Client.PutAsync(TestEmulator.Files("a/b/data.bin"), new ByteArrayContent(bytes)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Empty(await put.Content.ReadAsByteArrayAsync());
        }

        using var get = await _emu.Client.GetAsync(TestEmulator.Files("a/b/data.bin"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("application/octet-stream", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, get.Content.Headers.ContentLength);
        Assert.NotNull(get.Content.Headers.LastModified);
        Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_emu.VolumeDirectory, "a", "b", "data.bin")));
    }

    [Fact]
    public async Task Put_creates_missing_parent_directories_like_the_real_service()
    {
        await _emu.PutAsync("x/y/z/deep.txt", "deep");

        using var head = await _emu.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, TestEmulator.Directories("x/y/z")));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Head_reports_length_type_and_http_date_last_modified()
    {
        await _emu.PutAsync("h.txt", "12345");
        File.SetLastWriteTimeUtc(Path.Combine(_emu.VolumeDirectory, "h.txt"), new DateTime(2024, 3, 5, 6, 7, 8, DateTimeKind.Utc));

        using var head = await _emu.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, TestEmulator.Files("h.txt")));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(5, head.Content.Headers.ContentLength);
        Assert.Equal("application/octet-stream", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Tue, 05 Mar 2024 06:07:08 GMT", head.Content.Headers.GetValues("Last-Modified").Single());
    }

    [Fact]
    public async Task Head_get_and_delete_of_a_missing_file_are_404()
    {
        using var head = await _emu.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, TestEmulator.Files("missing.txt")));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);

        using var get = await _emu.Client.GetAsync(TestEmulator.Files("missing.txt"));
        await TestEmulator.AssertErrorAsync(get, HttpStatusCode.NotFound, "NOT_FOUND");

        using var delete = await _emu.Client.DeleteAsync(TestEmulator.Files("missing.txt"));
        await TestEmulator.AssertErrorAsync(delete, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Get_of_a_directory_path_is_404()
    {
        await _emu.PutAsync("dir/f.txt", "x");

        using var get = await _emu.Client.GetAsync(TestEmulator.Files("dir"));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_file()
    {
        await _emu.PutAsync("gone.txt", "bye");

        using var delete = await _emu.Client.DeleteAsync(TestEmulator.Files("gone.txt"));

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.False(File.Exists(Path.Combine(_emu.VolumeDirectory, "gone.txt")));
    }

    [Fact]
    public async Task Delete_of_the_last_file_keeps_its_folder_and_a_directory_path_is_404()
    {
        await _emu.PutAsync("dir/only.txt", "x");

        using (var delete = await _emu.Client.DeleteAsync(TestEmulator.Files("dir/only.txt")))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        // Folders are real on the service (except on GCS): deleting the last file leaves an empty one to delete.
        using var list = await _emu.Client.GetAsync(TestEmulator.Directories("dir"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.False((await TestEmulator.ReadJsonAsync(list)).TryGetProperty("contents", out _));
        using var onDirectory = await _emu.Client.DeleteAsync(TestEmulator.Files("dir"));
        await TestEmulator.AssertErrorAsync(onDirectory, HttpStatusCode.NotFound, "NOT_FOUND", "FILES_API_FILE_IS_NOT_FOUND");
    }

    [Fact]
    public async Task Last_modified_is_the_server_clock_at_the_write_and_an_overwrite_moves_it_forward()
    {
        // Original-names change detection compares a file's last_modified with latest.json's: both must be the
        // server's clock at the time each was written.
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-25); // file times come from a coarse kernel clock
        await _emu.PutAsync("t.txt", "first");
        var after = DateTimeOffset.UtcNow.AddMilliseconds(25);
        var first = await LastModifiedAsync("t.txt");
        Assert.InRange(first, before.ToUnixTimeMilliseconds(), after.ToUnixTimeMilliseconds());

        await Task.Delay(50);
        await _emu.PutAsync("t.txt", "again");
        var second = await LastModifiedAsync("t.txt");

        Assert.True(second > first, $"{second} should be later than {first}");
        using var head = await _emu.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, TestEmulator.Files("t.txt")));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(second).ToUnixTimeSeconds(), head.Content.Headers.LastModified?.ToUnixTimeSeconds());
    }

    private async Task<long> LastModifiedAsync(string name)
    {
        using var list = await _emu.Client.GetAsync(TestEmulator.Directories());
        var body = await TestEmulator.ReadJsonAsync(list);
        return body.GetProperty("contents").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name).GetProperty("last_modified").GetInt64();
    }

    [Fact]
    public async Task Overwrite_false_on_an_existing_file_is_409_already_exists_and_keeps_the_old_bytes()
    {
        await _emu.PutAsync("o.txt", "old");

        using var put = await _emu.Client.PutAsync(TestEmulator.Files("o.txt") + "?overwrite=false", new StringContent("new"));

        await TestEmulator.AssertErrorAsync(put, HttpStatusCode.Conflict, "ALREADY_EXISTS");
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(_emu.VolumeDirectory, "o.txt")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?overwrite=true")]
    public async Task Overwrite_true_or_omitted_replaces_the_file(string query)
    {
        await _emu.PutAsync("o.txt", "old");

        using var put = await _emu.Client.PutAsync(TestEmulator.Files("o.txt") + query, new StringContent("newer"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("newer", await File.ReadAllTextAsync(Path.Combine(_emu.VolumeDirectory, "o.txt")));
    }

    [Fact]
    public async Task Overwrite_false_on_a_new_file_creates_it()
    {
        using var put = await _emu.Client.PutAsync(TestEmulator.Files("new.txt") + "?overwrite=false", new StringContent("n"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task Put_onto_an_existing_directory_is_409()
    {
        await _emu.PutAsync("d/child.txt", "c");

        using var put = await _emu.Client.PutAsync(TestEmulator.Files("d"), new StringContent("x"));

        await TestEmulator.AssertErrorAsync(put, HttpStatusCode.Conflict, "ALREADY_EXISTS");
    }

    [Fact]
    public async Task Put_below_an_existing_file_is_409()
    {
        await _emu.PutAsync("f.txt", "file");

        using var put = await _emu.Client.PutAsync(TestEmulator.Files("f.txt/inner.txt"), new StringContent("x"));

        await TestEmulator.AssertErrorAsync(put, HttpStatusCode.Conflict, "ALREADY_EXISTS");
    }

    [Fact]
    public async Task Zero_byte_files_round_trip()
    {
        using (var put = await _emu.Client.PutAsync(TestEmulator.Files("empty"), new ByteArrayContent([])))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var get = await _emu.Client.GetAsync(TestEmulator.Files("empty"));
        Assert.Equal(0, get.Content.Headers.ContentLength);
        Assert.Empty(await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Range_request_returns_206_with_the_slice()
    {
        await _emu.PutAsync("r.txt", "0123456789");
        using var request = new HttpRequestMessage(HttpMethod.Get, TestEmulator.Files("r.txt"));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(2, 5);

        using var response = await _emu.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("2345", await response.Content.ReadAsStringAsync());
        Assert.Equal("bytes 2-5/10", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Streamed_upload_of_many_megabytes_arrives_intact()
    {
        const long size = 24L * 1024 * 1024;
        using var content = new StreamContent(new PatternStream(size));
        content.Headers.ContentLength = size;

        using (var put = await _emu.Client.PutAsync(TestEmulator.Files("big.bin"), content))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var expected = SHA256.HashData(new PatternStream(size));
        await using var stored = File.OpenRead(Path.Combine(_emu.VolumeDirectory, "big.bin"));
        Assert.Equal(size, stored.Length);
        Assert.Equal(expected, await SHA256.HashDataAsync(stored));
        Assert.Equal(size, _emu.Server.Requests.Snapshot().Single(r => r.Method == "PUT").RequestBytes);
    }

    [Fact]
    public async Task Chunked_upload_without_content_length_is_accepted()
    {
        using var content = new StreamContent(new PatternStream(300_000));
        Assert.Null(content.Headers.ContentLength);

        using var request = new HttpRequestMessage(HttpMethod.Put, TestEmulator.Files("chunked.bin")) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var put = await _emu.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(300_000, new FileInfo(Path.Combine(_emu.VolumeDirectory, "chunked.bin")).Length);
    }

    [Fact]
    public async Task Parallel_uploads_into_new_nested_directories_all_land()
    {
        var uploads = Enumerable.Range(0, 40).Select(async i =>
        {
            using var put = await _emu.Client.PutAsync(TestEmulator.Files($"p/{i % 4}/deep/f{i}.txt"), new StringContent($"file {i}"));
            return put.StatusCode;
        });

        var statuses = await Task.WhenAll(uploads);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal($"file {i}", await File.ReadAllTextAsync(Path.Combine(_emu.VolumeDirectory, "p", (i % 4).ToString(CultureInfo.InvariantCulture), "deep", $"f{i}.txt")));
        }
    }

    [Theory]
    [InlineData("a%252Bb.txt", "a%2Bb.txt")]
    [InlineData("a+b.txt", "a+b.txt")]
    [InlineData("with%20space.txt", "with space.txt")]
    [InlineData("%C3%BCml%C3%A4ut.txt", "ümläut.txt")]
    [InlineData("hash%23query%3F.txt", "hash#query?.txt")]
    [InlineData("pct%25.txt", "pct%.txt")]
    public async Task Escaped_names_are_decoded_exactly_once(string escaped, string stored)
    {
        using (var put = await _emu.Client.PutAsync(TestEmulator.Files(escaped), new StringContent("tricky")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        Assert.True(File.Exists(Path.Combine(_emu.VolumeDirectory, stored)), $"expected a file named '{stored}'");
        using var list = await _emu.Client.GetAsync(TestEmulator.Directories());
        var entry = (await TestEmulator.ReadJsonAsync(list)).GetProperty("contents").EnumerateArray().Single();
        Assert.Equal(stored, entry.GetProperty("name").GetString());
        Assert.Equal(TestEmulator.VolumeRoot + "/" + stored, entry.GetProperty("path").GetString());

        using var get = await _emu.Client.GetAsync(TestEmulator.Files(escaped));
        Assert.Equal("tricky", await get.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET /api/2.0/fs/files/Volumes/main/default/vol/../other/x.txt HTTP/1.1")]
    [InlineData("GET /api/2.0/fs/files/Volumes/main/default/vol/%2E%2E/x.txt HTTP/1.1")]
    [InlineData("GET /api/2.0/fs/directories/Volumes/main/default/vol/./a HTTP/1.1")]
    public async Task Dot_segments_are_rejected_with_400(string requestLine)
    {
        Assert.Equal(400, await _emu.SendRawAsync(requestLine));
    }

    [Fact]
    public async Task Paths_of_a_missing_volume_are_404_naming_the_volume()
    {
        using var put = await _emu.Client.PutAsync("/api/2.0/fs/files/Volumes/main/default/nope/a.txt", new StringContent("x"));

        var body = await TestEmulator.AssertErrorAsync(put, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Contains("/Volumes/main/default/nope", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_emu.Root, "Volumes", "main", "default", "nope")));
    }

    [Fact]
    public async Task Paths_outside_volumes_are_rejected()
    {
        using var get = await _emu.Client.GetAsync("/api/2.0/fs/files/Workspace/a.txt");

        await TestEmulator.AssertErrorAsync(get, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Invalid_overwrite_value_is_400()
    {
        using var put = await _emu.Client.PutAsync(TestEmulator.Files("x.txt") + "?overwrite=maybe", new StringContent("x"));

        await TestEmulator.AssertErrorAsync(put, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_501_json()
    {
        using var unknown = await _emu.Client.GetAsync("/api/2.0/workspace/list");
        await TestEmulator.AssertErrorAsync(unknown, HttpStatusCode.NotImplemented, "NOT_IMPLEMENTED");

        using var post = await _emu.Client.PostAsync(TestEmulator.Files("x.txt"), new StringContent("x"));
        await TestEmulator.AssertErrorAsync(post, HttpStatusCode.NotImplemented, "NOT_IMPLEMENTED");

        using var patch = await _emu.Client.PatchAsync("/api/2.1/unity-catalog/schemas/main.default", new StringContent("{}"));
        await TestEmulator.AssertErrorAsync(patch, HttpStatusCode.NotImplemented, "NOT_IMPLEMENTED");
    }

    /// <summary>A deterministic, non-seekable byte stream of a given length, so large uploads need no large buffers.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = (byte)((_position + i) * 31 % 251);
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
