using System.Text.RegularExpressions;
using VolSync.EndToEnd.Tests.Infrastructure;
using VolSync.Releases;

namespace VolSync.EndToEnd.Tests;

/// <summary>Releases through the packed VolSync.Build: VolSyncKeepReleases prunes, VolSyncNaming=original runs in place.</summary>
public sealed partial class MSBuildEndToEndTests
{
    [GeneratedRegex(@"release-id=(?<id>[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}) manifest=(?<manifest>\S+)")]
    private static partial Regex ReleaseOutput();

    [Fact]
    public async Task Three_publishes_with_keep_releases_2_leave_two_releases_and_two_versions_of_the_dll()
    {
        await RunKeepingLogsOnFailure(async () =>
        {
            var project = await ProjectAsync();
            var remote = VolumePath + "/keep";
            var ids = new List<string>();
            DotNetResult? last = null;
            foreach (var greeting in new[] { "Release one", "Release two", "Release three" })
            {
                project.WriteProgram(greeting);
                var publish = await PublishAsync(project, "keep", "keep", "-p:VolSyncKeepReleases=2", "-p:VolSyncPruneMinAge=0");
                AssertSucceeded(publish);
                var output = ReleaseOutput().Match(publish.Output);
                Assert.True(output.Success, publish.Output);
                Assert.Equal($"{remote}/.volsync/releases/{output.Groups["id"].Value}.json", output.Groups["manifest"].Value);
                Assert.Contains($"new release {output.Groups["id"].Value}", publish.Output, StringComparison.Ordinal);
                ids.Add(output.Groups["id"].Value);
                last = publish;
            }

            var stored = StoredFilesWithVolSync(remote);
            Assert.Equal([$".volsync/releases/{ids[1]}.json", $".volsync/releases/{ids[2]}.json"], stored.Where(f => f.StartsWith(".volsync/releases/", StringComparison.Ordinal)));
            var dlls = StoredFiles(remote).Where(f => Regex.IsMatch(f, @"^hello_[0-9a-f]{16}\.dll$")).ToList();
            Assert.Equal(2, dlls.Count);
            Assert.Contains("VolSync: pruned 1 release(s)", last!.Output, StringComparison.Ordinal);

            // Each kept release resolves hello.dll to one of the two, read straight from the folder as a cluster would.
            var root = Path.Combine(_emulatorRoot, remote.TrimStart('/'));
            var latest = ReleaseManifest.Load(root);
            Assert.Equal(ids[2], latest.Id);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(project.PublishDirectory, "hello.dll")), await File.ReadAllBytesAsync(latest.Resolve("hello.dll")));
            var previous = ReleaseManifest.Load(root, ids[1]);
            Assert.Equal(
                dlls.Order(StringComparer.Ordinal),
                new[] { latest.Find("hello.dll")!.RemotePath, previous.Find("hello.dll")!.RemotePath }.Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public async Task Original_names_publish_runs_in_place_and_a_second_publish_uploads_nothing()
    {
        await RunKeepingLogsOnFailure(async () =>
        {
            var project = await ProjectAsync();
            var remote = VolumePath + "/inplace";
            project.WriteProgram("Running in place from the volume!");

            var first = await PublishAsync(project, "inplace", "inplace-1", "-p:VolSyncNaming=original");
            AssertSucceeded(first);
            _emulator.Requests.Clear();
            var second = await PublishAsync(project, "inplace", "inplace-2", "-p:VolSyncNaming=original");
            AssertSucceeded(second);

            Assert.Empty(Puts(remote));
            Assert.Equal(0, _emulator.Requests.Count("PUT"));
            Assert.Equal("0", Summary().Match(second.Output).Groups["up"].Value);
            Assert.Matches(@"release [0-9]{8}T[0-9]{9}Z-[0-9a-f]{8} unchanged\)", second.Output);
            var stored = StoredFiles(remote);
            Assert.Contains("hello.dll", stored);
            Assert.Contains("hello.deps.json", stored);
            Assert.Contains("hello.runtimeconfig.json", stored);
            Assert.Equal(
                Directory.GetFiles(project.PublishDirectory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(project.PublishDirectory, f).Replace('\\', '/')).Order(StringComparer.Ordinal),
                stored);

            // The volume folder is the app: `dotnet hello.dll` finds its runtimeconfig and deps by name.
            var inPlace = Path.Combine(_emulatorRoot, remote.TrimStart('/'));
            var run = await DotNetRunner.RunAsync(inPlace, [Path.Combine(inPlace, "hello.dll")], Environment());
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Running in place from the volume!", run.Output, StringComparison.Ordinal);
        });
    }
}
