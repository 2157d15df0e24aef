using System.Net.Http.Headers;

namespace VolSync.Emulator.Tests;

public sealed class AuthTests
{
    private const string CredentialNotSent = "Credential was not sent or was of an unsupported type for this API.";
    private const string InvalidAccessToken = "Invalid access token.";

    [Fact]
    public async Task Request_without_a_bearer_token_is_401_in_the_front_door_shape()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(emu.Server, token: null);

        using var response = await anonymous.GetAsync(TestEmulator.Directories());

        await TestEmulator.AssertFrontDoorErrorAsync(response, HttpStatusCode.Unauthorized, CredentialNotSent);
    }

    [Fact]
    public async Task Basic_credentials_are_not_a_bearer_token()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, TestEmulator.Directories());
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        using var anonymous = TestEmulator.NewClient(emu.Server, token: null);

        using var response = await anonymous.SendAsync(request);

        await TestEmulator.AssertFrontDoorErrorAsync(response, HttpStatusCode.Unauthorized, CredentialNotSent);
    }

    [Fact]
    public async Task Head_refusals_carry_the_status_and_the_reason_phrase_header_only()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = TestEmulator.Token });
        using var wrong = TestEmulator.NewClient(emu.Server, "dapi-wrong");

        using var response = await wrong.SendAsync(new HttpRequestMessage(HttpMethod.Head, TestEmulator.Files("a.txt")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(InvalidAccessToken, Assert.Single(response.Headers.GetValues("X-Databricks-Reason-Phrase")));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Any_token_is_accepted_when_no_token_is_required()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var other = TestEmulator.NewClient(emu.Server, "whatever");

        using var response = await other.GetAsync(TestEmulator.Directories());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Required_token_rejects_every_other_token_with_403_invalid_access_token()
    {
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = TestEmulator.Token });
        using var wrong = TestEmulator.NewClient(emu.Server, "dapi-wrong");

        using var rejected = await wrong.GetAsync(TestEmulator.Directories());
        await TestEmulator.AssertFrontDoorErrorAsync(rejected, HttpStatusCode.Forbidden, InvalidAccessToken);

        using var accepted = await emu.Client.GetAsync(TestEmulator.Directories());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Forbidden_path_prefixes_answer_403_permission_denied_for_that_subtree_only()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Server.Options.ForbiddenPathPrefixes.Add(TestEmulator.VolumeRoot + "/locked");

        using var put = await emu.Client.PutAsync(TestEmulator.Files("locked/a.txt"), new StringContent("x"));
        await TestEmulator.AssertErrorAsync(put, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        using var list = await emu.Client.GetAsync(TestEmulator.Directories("locked"));
        await TestEmulator.AssertErrorAsync(list, HttpStatusCode.Forbidden, "PERMISSION_DENIED");

        using var sibling = await emu.Client.PutAsync(TestEmulator.Files("lockedness.txt"), new StringContent("x"));
        Assert.Equal(HttpStatusCode.OK, sibling.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(emu.VolumeDirectory, "locked")));
    }

    [Fact]
    public async Task Request_log_records_requests_but_never_the_token()
    {
        const string secret = "dapi-super-secret-value";
        await using var emu = await TestEmulator.StartAsync(root => new EmulatorOptions { RootDirectory = root, RequiredToken = secret });
        using var client = TestEmulator.NewClient(emu.Server, secret);
        using var anonymous = TestEmulator.NewClient(emu.Server, null);

        (await client.PutAsync(TestEmulator.Files("a b.txt"), new StringContent("12345"))).Dispose();
        (await client.GetAsync(TestEmulator.Directories())).Dispose();
        (await anonymous.GetAsync(TestEmulator.Directories())).Dispose();

        var log = emu.Server.Requests.Snapshot();
        Assert.Equal(3, log.Count);
        var put = log[0];
        Assert.Equal("PUT", put.Method);
        Assert.Equal("/api/2.0/fs/files" + TestEmulator.VolumeRoot + "/a b.txt", put.Path);
        Assert.Equal("/api/2.0/fs/files" + TestEmulator.VolumeRoot + "/a%20b.txt", put.RawPathAndQuery);
        Assert.Equal(200, put.Status);
        Assert.Equal(5, put.RequestBytes);
        Assert.True(put.HadAuthorization);
        Assert.False(log[2].HadAuthorization);
        Assert.Equal(401, log[2].Status);
        Assert.Equal(2, emu.Server.Requests.Count("GET", "/api/2.0/fs/directories"));
        Assert.Equal(1, emu.Server.Requests.Count(method: "put"));
        Assert.All(log, r => Assert.DoesNotContain(secret, r.ToString(), StringComparison.Ordinal));

        emu.Server.Requests.Clear();
        Assert.Equal(0, emu.Server.Requests.Count());
    }
}
