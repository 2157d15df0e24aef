using System.Security.Cryptography;
using System.Text;
using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Core.Tests.Releases;

public sealed class ReleaseManifestTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private static ReleaseFile Hashed(string path, string content)
    {
        var sha = Sha.Hex(content);
        var slash = path.LastIndexOf('/');
        var name = HashedName.Format(path[(slash + 1)..], sha, 16);
        return new ReleaseFile(path, slash < 0 ? name : path[..(slash + 1)] + name, sha, Encoding.UTF8.GetByteCount(content));
    }

    [Fact]
    public void Writes_the_exact_format_with_fixed_key_order_and_files_sorted_ordinally()
    {
        var b = Hashed("b.txt", "b");
        var upper = Hashed("Z/z.txt", "z");
        var a = Hashed("a/x.dll", "x");
        var manifest = ReleaseManifest.Create(NamingMode.Hashed, 16, [b, upper, a], new ReleaseSource { Project = "App", Configuration = "Release", Commit = "abc", Ci = "github-actions" }, Created);

        var text = Encoding.UTF8.GetString(manifest.ToUtf8Bytes());

        var files = $"[{Entry(upper)},{Entry(a)},{Entry(b)}]";
        var id = "20250102T030405678Z-" + Sha.Hex(files)[..8];
        var expected = "{\"format\":\"volsync-manifest\",\"version\":1,\"id\":\"" + id + "\",\"created\":\"2025-01-02T03:04:05.678Z\",\"tool\":\"" + manifest.Tool
            + "\",\"naming\":\"hashed\",\"hashLength\":16,\"source\":{\"project\":\"App\",\"configuration\":\"Release\",\"commit\":\"abc\",\"ci\":\"github-actions\"},\"files\":" + files + "}\n";
        Assert.Equal(expected, text);
        Assert.Equal(id, manifest.Id);
        Assert.StartsWith("volsync/", manifest.Tool);
    }

    private static string Entry(ReleaseFile f) => $"{{\"path\":\"{f.Path}\",\"remotePath\":\"{f.RemotePath}\",\"sha256\":\"{f.Sha256}\",\"size\":{f.Size}}}";

    [Fact]
    public void The_same_release_always_gives_the_same_bytes_and_non_ascii_is_written_as_utf8()
    {
        var files = new[] { Hashed("ünï/cødé 100%.css", "x"), Hashed("a.txt", "a") };
        var first = ReleaseManifest.Create(NamingMode.Hashed, 16, files, created: Created).ToUtf8Bytes();
        var second = ReleaseManifest.Create(NamingMode.Hashed, 16, files.Reverse(), created: Created).ToUtf8Bytes();

        Assert.Equal(first, second);
        Assert.Contains("\"path\":\"ünï/cødé 100%.css\"", Encoding.UTF8.GetString(first));
        Assert.DoesNotContain("\"source\"", Encoding.UTF8.GetString(first));
    }

    [Fact]
    public void Parse_round_trips_and_ignores_unknown_keys()
    {
        var manifest = ReleaseManifest.Create(NamingMode.Hashed, 16, [Hashed("sub/app.dll", "app"), Hashed("app.json", "{}")], new ReleaseSource { Commit = "c0ffee" }, Created);
        var json = Encoding.UTF8.GetString(manifest.ToUtf8Bytes());
        var extended = json.Replace("\"version\":1,", "\"version\":1,\"future\":{\"x\":[1,2]},").Replace("\"size\":", "\"extra\":true,\"size\":");

        var parsed = ReleaseManifest.Parse(Encoding.UTF8.GetBytes(extended), remoteRoot: "/Volumes/main/default/vol/app");

        Assert.Equal(manifest.Id, parsed.Id);
        Assert.Equal(manifest.Created, parsed.Created);
        Assert.Equal(manifest.Files, parsed.Files);
        Assert.Equal("c0ffee", parsed.Source?.Commit);
        Assert.True(parsed.HasSameFilesAs(manifest));
        Assert.Equal(manifest.ToUtf8Bytes(), parsed.ToUtf8Bytes());
        Assert.Equal("/Volumes/main/default/vol/app/sub/" + HashedName.Format("app.dll", Sha.Hex("app"), 16), parsed.Resolve("sub/app.dll"));
        Assert.Equal(parsed.Resolve("sub/app.dll"), parsed.Resolve("./sub\\app.dll"));
    }

    [Fact]
    public void Resolve_of_a_path_not_in_the_release_is_a_coded_error()
    {
        var manifest = ReleaseManifest.Create(NamingMode.Hashed, 16, [Hashed("a.txt", "a")], created: Created);

        var ex = Assert.Throws<VolSyncException>(() => manifest.Resolve("b.txt"));

        Assert.Equal("VOLSYNC2406", ex.Code);
        Assert.False(manifest.TryResolve("b.txt", out _));
        Assert.Equal(manifest.Files[0].RemotePath, manifest.Resolve("a.txt"));
    }

    [Fact]
    public void A_version_this_reader_does_not_know_is_a_coded_error()
    {
        var json = Encoding.UTF8.GetString(ReleaseManifest.Create(NamingMode.Hashed, 16, [Hashed("a.txt", "a")], created: Created).ToUtf8Bytes())
            .Replace("\"version\":1", "\"version\":2");

        var ex = Assert.Throws<VolSyncException>(() => ReleaseManifest.Parse(Encoding.UTF8.GetBytes(json), "latest.json"));

        Assert.Equal("VOLSYNC1201", ex.Code);
        Assert.Contains("version 2", ex.Message);
        Assert.Contains("upgrade", ex.Message);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("sub/../../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("sub//a.txt")]
    [InlineData("./a.txt")]
    [InlineData("sub\\..\\a.txt")]
    [InlineData("a\u0000.txt")]
    public void Unsafe_paths_are_refused(string path)
    {
        var json = $"{{\"format\":\"volsync-manifest\",\"version\":1,\"id\":\"20250102T030405678Z-00000000\",\"created\":\"2025-01-02T03:04:05.678Z\",\"naming\":\"original\",\"hashLength\":16,\"files\":[{{\"path\":{System.Text.Json.JsonSerializer.Serialize(path)},\"remotePath\":{System.Text.Json.JsonSerializer.Serialize(path)},\"sha256\":\"{Sha.Hex("x")}\",\"size\":1}}]}}";

        var ex = Assert.Throws<VolSyncException>(() => ReleaseManifest.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal("VOLSYNC1202", ex.Code);
    }

    [Theory]
    [InlineData("{\"format\":\"other\",\"version\":1}", "'format'")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{not json", "not JSON")]
    [InlineData("{\"format\":\"volsync-manifest\"}", "'version'")]
    [InlineData("{\"format\":\"volsync-manifest\",\"version\":1,\"id\":\"x/../y\"}", "'id'")]
    public void Malformed_manifests_are_a_coded_error_that_says_what_is_wrong(string json, string why)
    {
        var ex = Assert.Throws<VolSyncException>(() => ReleaseManifest.Parse(Encoding.UTF8.GetBytes(json), "m.json"));

        Assert.Equal("VOLSYNC1200", ex.Code);
        Assert.Contains(why, ex.Message);
        Assert.Contains("m.json", ex.Message);
    }

    [Fact]
    public void A_remote_path_that_is_not_what_the_naming_makes_of_the_path_is_refused()
    {
        var good = Hashed("app.dll", "app");
        var json = Encoding.UTF8.GetString(ReleaseManifest.Create(NamingMode.Hashed, 16, [good], created: Created).ToUtf8Bytes())
            .Replace(good.RemotePath, "other_0123456789abcdef.dll");

        var ex = Assert.Throws<VolSyncException>(() => ReleaseManifest.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal("VOLSYNC1200", ex.Code);
        Assert.Contains("remotePath", ex.Message);
    }

    [Fact]
    public void Original_names_store_each_path_as_itself()
    {
        var sha = Sha.Hex("app");
        var manifest = ReleaseManifest.Create(NamingMode.Original, 16, [new ReleaseFile("App.dll", "App.dll", sha, 3)], created: Created);

        var parsed = ReleaseManifest.Parse(manifest.ToUtf8Bytes(), remoteRoot: "/Volumes/c/s/v");

        Assert.Equal(NamingMode.Original, parsed.Naming);
        Assert.Contains("\"naming\":\"original\"", Encoding.UTF8.GetString(manifest.ToUtf8Bytes()));
        Assert.Equal("/Volumes/c/s/v/App.dll", parsed.Resolve("App.dll"));
        Assert.Throws<VolSyncException>(() => ReleaseManifest.Create(NamingMode.Original, 16, [new ReleaseFile("App.dll", "App_0123456789abcdef.dll", sha, 3)], created: Created));
    }

    [Fact]
    public void Ids_sort_by_time_and_differ_by_content()
    {
        var earlier = ReleaseManifest.Create(NamingMode.Hashed, 16, [Hashed("a.txt", "1")], created: Created);
        var later = ReleaseManifest.Create(NamingMode.Hashed, 16, [Hashed("a.txt", "1")], created: Created.AddMilliseconds(1));
        var other = ReleaseManifest.Create(NamingMode.Hashed, 16, [Hashed("a.txt", "2")], created: Created);

        Assert.True(string.CompareOrdinal(earlier.Id, later.Id) < 0);
        Assert.NotEqual(earlier.Id, other.Id);
        Assert.Equal(earlier.Id[..20], other.Id[..20]);
        Assert.True(ReleaseId.IsValid(earlier.Id));
        Assert.False(ReleaseId.IsValid("../../20250102T030405678Z-00000000"));
        Assert.Matches("^[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}$", earlier.Id);
    }

    [Fact]
    public void Load_reads_a_root_or_a_manifest_file_from_disk_without_any_api()
    {
        using var dir = new TempDirectory();
        var manifest = ReleaseManifest.Create(NamingMode.Hashed, 16, [Hashed("sub/app.dll", "app")], created: Created);
        dir.Write(".volsync/latest.json", manifest.ToUtf8Bytes());
        dir.Write($".volsync/releases/{manifest.Id}.json", manifest.ToUtf8Bytes());

        var fromRoot = ReleaseManifest.Load(dir.Path);
        var byId = ReleaseManifest.Load(dir.Path, manifest.Id);
        var fromFile = ReleaseManifest.Load(dir.Combine(".volsync/latest.json"));

        var expected = Path.GetFullPath(dir.Path) + "/" + manifest.Files[0].RemotePath;
        Assert.Equal(expected, fromRoot.Resolve("sub/app.dll"));
        Assert.Equal(expected, byId.Resolve("sub/app.dll"));
        Assert.Equal(expected, fromFile.Resolve("sub/app.dll"));
        Assert.Equal("VOLSYNC1203", Assert.Throws<VolSyncException>(() => ReleaseManifest.Load(dir.Path, "20200101T000000000Z-00000000")).Code);
        Assert.Equal("VOLSYNC2405", Assert.Throws<VolSyncException>(() => ReleaseManifest.Load(dir.Path, "../x")).Code);
    }

    [Fact]
    public async Task Load_of_a_folder_without_releases_says_so()
    {
        using var dir = new TempDirectory();

        Assert.Equal("VOLSYNC1204", Assert.Throws<VolSyncException>(() => ReleaseManifest.Load(dir.Path)).Code);
        Assert.Equal("VOLSYNC3302", (await Assert.ThrowsAsync<VolSyncException>(() => ReleaseManifest.LoadAsync(dir.Combine("missing/latest.json")))).Code);
    }

    [Fact]
    public void The_id_hash_is_over_the_files_array_bytes_found_in_the_document()
    {
        var manifest = ReleaseManifest.Create(NamingMode.Hashed, 16, [Hashed("a.txt", "a"), Hashed("b/c.txt", "c")], created: Created);
        var text = Encoding.UTF8.GetString(manifest.ToUtf8Bytes());
        var files = text[(text.IndexOf("\"files\":", StringComparison.Ordinal) + 8)..text.LastIndexOf('}')];

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(files)))[..8], manifest.Id[^8..]);
    }
}
