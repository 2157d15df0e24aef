using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace VolSync.Emulator.Tests;

/// <summary>
/// The large-file upload flow over raw HTTP: the Files API calls on the API port (bearer auth), the bytes to
/// presigned URLs on the cloud port (no auth: the signature is the authorisation).
/// </summary>
public sealed class MultipartApiTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private static readonly string Target = TestEmulator.VolumeRoot + "/big/file.bin";
    // No Authorization header, ever: presigned URLs are called as a cloud-storage client calls them.
    private static readonly HttpClient Cloud = new() { Timeout = TimeSpan.FromSeconds(60) };
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Parts_arrive_in_any_order_and_are_assembled_in_part_order_only_at_completion()
    {
        var token = await InitiateAsync();
        var urls = await PartUrlsAsync(token, 1, 2);
        var part1 = RandomNumberGenerator.GetBytes(5 * MiB);
        var part2 = RandomNumberGenerator.GetBytes(1000);

        var etag2 = await PutPartAsync(urls[2], part2);
        var etag1 = await PutPartAsync(urls[1], part1);

        // Opaque and quoted, as clients must take every cloud's ETags; each upload its own.
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag1);
        Assert.NotEqual(etag1, etag2);
        Assert.Empty(Directory.GetFiles(_emu.VolumeDirectory, "*", SearchOption.AllDirectories));
        Assert.DoesNotContain(_emu.Server.Requests.Snapshot(), r => r.Path.StartsWith("/cloud/", StringComparison.Ordinal) && r.HadAuthorization);
        using var completed = await CompleteAsync(token, (1, etag1), (2, etag2));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var whole = part1.Concat(part2).ToArray();
        Assert.Equal(whole, await File.ReadAllBytesAsync(Path.Combine(_emu.VolumeDirectory, "big", "file.bin")));
        Assert.Equal(0, _emu.Server.OpenUploadSessions);
        Assert.Equal(["file.bin"], Directory.GetFiles(Path.Combine(_emu.VolumeDirectory, "big")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Completion_checks_part_order_etags_and_sizes_and_a_refused_completion_can_be_repeated()
    {
        var token = await InitiateAsync();
        var urls = await PartUrlsAsync(token, 1, 3);
        var part1 = RandomNumberGenerator.GetBytes(5 * MiB);
        var part3 = RandomNumberGenerator.GetBytes(10);
        var etag1 = await PutPartAsync(urls[1], part1);
        var etag2 = await PutPartAsync(urls[2], new byte[MiB]);
        var etag3 = await PutPartAsync(urls[3], part3);

        using (var unordered = await CompleteAsync(token, (2, etag2), (1, etag1)))
        {
            await TestEmulator.AssertErrorAsync(unordered, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "FILES_API_INVALID_PART_ORDER");
        }

        using (var unquoted = await CompleteAsync(token, (1, etag1.Trim('"'))))
        {
            await TestEmulator.AssertErrorAsync(unquoted, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "FILES_API_INVALID_PART");
        }

        using (var small = await CompleteAsync(token, (1, etag1), (2, etag2), (3, etag3)))
        {
            await TestEmulator.AssertErrorAsync(small, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "FILES_API_ENTITY_TOO_SMALL");
        }

        using var good = await CompleteAsync(token, (1, etag1), (3, etag3));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var whole = part1.Concat(part3).ToArray();
        Assert.Equal(whole, await File.ReadAllBytesAsync(Path.Combine(_emu.VolumeDirectory, "big", "file.bin")));
    }

    [Fact]
    public async Task A_part_sent_again_replaces_the_earlier_one_and_only_the_etag_answered_last_completes()
    {
        var token = await InitiateAsync();
        var urls = await PartUrlsAsync(token, 1, 3);
        var first = await PutPartAsync(urls[1], RandomNumberGenerator.GetBytes(5 * MiB));
        var part2 = RandomNumberGenerator.GetBytes(5 * MiB);
        var part3 = RandomNumberGenerator.GetBytes(3);
        var etag2 = await PutPartAsync(urls[2], part2);
        var etag3 = await PutPartAsync(urls[3], part3);
        var again = RandomNumberGenerator.GetBytes(5 * MiB);
        var etag1 = await PutPartAsync(urls[1], again);

        using (var stale = await CompleteAsync(token, (1, first), (2, etag2), (3, etag3)))
        {
            await TestEmulator.AssertErrorAsync(stale, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "FILES_API_INVALID_PART");
        }

        using var completed = await CompleteAsync(token, (1, etag1), (2, etag2), (3, etag3));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var whole = again.Concat(part2).Concat(part3).ToArray();
        Assert.Equal(whole, await File.ReadAllBytesAsync(Path.Combine(_emu.VolumeDirectory, "big", "file.bin")));
    }

    [Fact]
    public async Task A_presigned_url_needs_its_signature_its_signed_header_and_its_time_but_no_token()
    {
        var token = await InitiateAsync();
        var url = (await PartUrlsAsync(token, 1, 1))[1];

        using var tampered = await SendPartAsync(new Uri(url.Url.ToString().Replace("part-1", "part-2", StringComparison.Ordinal)), url.Headers, [1]);
        using var unsigned = await SendPartAsync(url.Url, [], [1]);
        await AssertCloudErrorAsync(tampered, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        await AssertCloudErrorAsync(unsigned, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");

        var soon = (await PartUrlsAsync(token, 1, 1, DateTimeOffset.UtcNow.AddSeconds(1)))[1];
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var expired = await SendPartAsync(soon.Url, soon.Headers, [1]);
        var body = await AssertCloudErrorAsync(expired, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Contains("<Message>Request has expired</Message>", body, StringComparison.Ordinal);

        using var past = await _emu.Client.PostAsync("/api/2.0/fs/create-upload-part-urls", TestEmulator.Json(new { path = Target, session_token = token, start_part_number = 1, count = 1, expire_time = "2020-01-01T00:00:00Z" }));
        await TestEmulator.AssertErrorAsync(past, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task The_two_listeners_serve_only_their_own_side()
    {
        using var apiOnCloud = await Cloud.GetAsync(new Uri(_emu.Server.CloudBaseUri, "/api/2.0/fs/directories" + TestEmulator.VolumeRoot));
        using var cloudOnApi = await _emu.Client.PutAsync("/cloud/upload/x/part-1", new ByteArrayContent([1]));

        await AssertCloudErrorAsync(apiOnCloud, HttpStatusCode.NotFound, "NoSuchKey");
        await TestEmulator.AssertErrorAsync(cloudOnApi, HttpStatusCode.NotImplemented, "NOT_IMPLEMENTED");
        Assert.NotEqual(_emu.Server.BaseUri.Port, _emu.Server.CloudBaseUri.Port);
    }

    [Fact]
    public async Task Abort_discards_the_session_and_its_parts()
    {
        var token = await InitiateAsync();
        var url = (await PartUrlsAsync(token, 1, 1))[1];
        await PutPartAsync(url, new byte[100]);
        using var abortUrl = await _emu.Client.PostAsync("/api/2.0/fs/create-abort-upload-url", TestEmulator.Json(new { path = Target, session_token = token, expire_time = InAnHour() }));
        var abort = (await TestEmulator.ReadJsonAsync(abortUrl)).GetProperty("abort_upload_url").GetProperty("url").GetString()!;

        using var deleted = await Cloud.DeleteAsync(abort);
        using var late = await SendPartAsync(url.Url, url.Headers, [1]);
        using var complete = await CompleteAsync(token, (1, "\"x\""));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, _emu.Server.OpenUploadSessions);
        await AssertCloudErrorAsync(late, HttpStatusCode.NotFound, "NoSuchUpload");
        await TestEmulator.AssertErrorAsync(complete, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty(Directory.GetDirectories(Path.Combine(_emu.Root, ".volsync-emulator", "uploads")));
    }

    [Fact]
    public async Task Overwrite_false_is_refused_when_the_upload_completes()
    {
        await _emu.PutAsync("big/file.bin", "already here");
        var token = await InitiateAsync(overwrite: false);
        var etag = await PutPartAsync((await PartUrlsAsync(token, 1, 1))[1], [1, 2, 3]);

        using var complete = await CompleteAsync(token, (1, etag));

        await TestEmulator.AssertErrorAsync(complete, HttpStatusCode.Conflict, "ALREADY_EXISTS", "FILES_API_FILE_ALREADY_EXISTS");
        Assert.Equal("already here", await File.ReadAllTextAsync(Path.Combine(_emu.VolumeDirectory, "big", "file.bin")));
    }

    [Fact]
    public async Task Off_refuses_presigned_urls_as_a_workspace_without_them_does()
    {
        _emu.Server.Options.Multipart = MultipartMode.Off;
        var token = await InitiateAsync();

        using var urls = await _emu.Client.PostAsync("/api/2.0/fs/create-upload-part-urls", TestEmulator.Json(new { path = Target, session_token = token, start_part_number = 1, count = 1, expire_time = InAnHour() }));
        using var abort = await _emu.Client.PostAsync("/api/2.0/fs/create-abort-upload-url", TestEmulator.Json(new { path = Target, session_token = token, expire_time = InAnHour() }));

        var body = await TestEmulator.AssertErrorAsync(urls, HttpStatusCode.Forbidden, "PERMISSION_DENIED", "FILES_API_API_IS_NOT_ENABLED");
        Assert.Equal("Presigned URLs API is not enabled", body.GetProperty("message").GetString());
        var info = body.GetProperty("details").EnumerateArray().Single(d => d.GetProperty("@type").GetString()!.EndsWith("ErrorInfo", StringComparison.Ordinal));
        Assert.Equal("Presigned URLs", info.GetProperty("metadata").GetProperty("api_name").GetString());
        await TestEmulator.AssertErrorAsync(abort, HttpStatusCode.Forbidden, "PERMISSION_DENIED", "FILES_API_API_IS_NOT_ENABLED");
    }

    [Fact]
    public async Task Gcp_resumable_uploads_take_ranges_in_order_and_say_what_they_hold()
    {
        _emu.Server.Options.Multipart = MultipartMode.Gcp;
        using var initiated = await _emu.Client.PostAsync("/api/2.0/fs/files" + Target + "?action=initiate-upload&overwrite=true", null);
        var token = (await TestEmulator.ReadJsonAsync(initiated)).GetProperty("resumable_upload").GetProperty("session_token").GetString()!;
        using var partUrls = await _emu.Client.PostAsync("/api/2.0/fs/create-upload-part-urls", TestEmulator.Json(new { path = Target, session_token = token, start_part_number = 1, count = 1, expire_time = InAnHour() }));
        await TestEmulator.AssertErrorAsync(partUrls, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        using var created = await _emu.Client.PostAsync("/api/2.0/fs/create-resumable-upload-url", TestEmulator.Json(new { path = Target, session_token = token }));
        var url = (await TestEmulator.ReadJsonAsync(created)).GetProperty("resumable_upload_url").GetProperty("url").GetString()!;
        var first = RandomNumberGenerator.GetBytes(256 * 1024);
        var last = RandomNumberGenerator.GetBytes(100);

        using var chunk1 = await ChunkAsync(url, first, "bytes 0-262143/*");
        using var query = await ChunkAsync(url, [], "bytes */*");
        using var ragged = await ChunkAsync(url, last, "bytes 262144-262243/*");
        using var gap = await ChunkAsync(url, last, "bytes 262244-262343/262344");
        using var chunk2 = await ChunkAsync(url, last, "bytes 262144-262243/262244");
        using var after = await ChunkAsync(url, [], "bytes */*");

        Assert.Equal(308, (int)chunk1.StatusCode);
        Assert.Equal("bytes=0-262143", chunk1.Headers.GetValues("Range").Single());
        Assert.Equal(308, (int)query.StatusCode);
        Assert.Equal("bytes=0-262143", query.Headers.GetValues("Range").Single());
        await AssertCloudErrorAsync(ragged, HttpStatusCode.BadRequest, "InvalidRequest");
        await AssertCloudErrorAsync(gap, HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Equal(HttpStatusCode.OK, chunk2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var whole = first.Concat(last).ToArray();
        Assert.Equal(whole, await File.ReadAllBytesAsync(Path.Combine(_emu.VolumeDirectory, "big", "file.bin")));
        Assert.Equal(0, _emu.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task Gcp_overwrite_false_onto_an_existing_file_answers_412_and_cancel_answers_499()
    {
        _emu.Server.Options.Multipart = MultipartMode.Gcp;
        await _emu.PutAsync("big/file.bin", "already here");
        var url = await ResumableUrlAsync(overwrite: false);
        var cancelled = await ResumableUrlAsync(overwrite: true);

        using var last = await ChunkAsync(url, [1, 2, 3], "bytes 0-2/3");
        using var cancel = await Cloud.DeleteAsync(cancelled);

        await AssertCloudErrorAsync(last, HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Equal(499, (int)cancel.StatusCode);
        Assert.Equal("already here", await File.ReadAllTextAsync(Path.Combine(_emu.VolumeDirectory, "big", "file.bin")));
    }

    private async Task<string> InitiateAsync(bool overwrite = true)
    {
        using var response = await _emu.Client.PostAsync("/api/2.0/fs/files" + Target + "?action=initiate-upload&overwrite=" + (overwrite ? "true" : "false"), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await TestEmulator.ReadJsonAsync(response)).GetProperty("multipart_upload").GetProperty("session_token").GetString()!;
    }

    private async Task<string> ResumableUrlAsync(bool overwrite)
    {
        using var initiated = await _emu.Client.PostAsync("/api/2.0/fs/files" + Target + "?action=initiate-upload&overwrite=" + (overwrite ? "true" : "false"), null);
        var token = (await TestEmulator.ReadJsonAsync(initiated)).GetProperty("resumable_upload").GetProperty("session_token").GetString()!;
        using var created = await _emu.Client.PostAsync("/api/2.0/fs/create-resumable-upload-url", TestEmulator.Json(new { path = Target, session_token = token }));
        return (await TestEmulator.ReadJsonAsync(created)).GetProperty("resumable_upload_url").GetProperty("url").GetString()!;
    }

    private async Task<Dictionary<int, SignedUrl>> PartUrlsAsync(string token, int start, int count, DateTimeOffset? expires = null)
    {
        var expireTime = (expires ?? DateTimeOffset.UtcNow.AddHours(1)).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await _emu.Client.PostAsync("/api/2.0/fs/create-upload-part-urls", TestEmulator.Json(new { path = Target, session_token = token, start_part_number = start, count, expire_time = expireTime }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await TestEmulator.ReadJsonAsync(response)).GetProperty("upload_part_urls").EnumerateArray().ToDictionary(
            u => u.GetProperty("part_number").GetInt32(),
            u => new SignedUrl(new Uri(u.GetProperty("url").GetString()!), u.GetProperty("headers").EnumerateArray().Select(h => (h.GetProperty("name").GetString()!, h.GetProperty("value").GetString()!)).ToList()));
    }

    private static async Task<string> PutPartAsync(SignedUrl url, byte[] bytes)
    {
        using var response = await SendPartAsync(url.Url, url.Headers, bytes);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.NonValidated["ETag"].ToString();
    }

    private static Task<HttpResponseMessage> SendPartAsync(Uri url, IReadOnlyList<(string Name, string Value)> headers, byte[] bytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(bytes) };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return Cloud.SendAsync(request);
    }

    private static Task<HttpResponseMessage> ChunkAsync(string url, byte[] bytes, string range)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Range", range);
        return Cloud.PutAsync(url, content);
    }

    private Task<HttpResponseMessage> CompleteAsync(string token, params (int Part, string ETag)[] parts) =>
        _emu.Client.PostAsync(
            "/api/2.0/fs/files" + Target + "?action=complete-upload&upload_type=multipart&session_token=" + Uri.EscapeDataString(token),
            TestEmulator.Json(new { parts = parts.Select(p => new { part_number = p.Part, etag = p.ETag }) }));

    private static async Task<string> AssertCloudErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<Code>" + code + "</Code>", body, StringComparison.Ordinal);
        return body;
    }

    private static string InAnHour() => DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record SignedUrl(Uri Url, IReadOnlyList<(string Name, string Value)> Headers);
}
