using VolSync.Core.Tests.TestSupport;
using VolSync.Discovery;
using VolSync.Hashing;
using VolSync.Planning;

namespace VolSync.Core.Tests.Planning;

public class SyncPlannerTests
{
    private static readonly VolumeLocation Location = VolumeLocation.Resolve("/Volumes/main/default/apps", null, null, null, "rel");
    private const string Root = "/Volumes/main/default/apps/rel";

    private static HashedFile File(string relative, string content) =>
        new(new LocalFile("/local", relative, content.Length, 1), Sha.Hex(content), content.Length, 1);

    private static string RemoteName(string name, string content) =>
        VolSync.Naming.HashedName.Format(name, Sha.Hex(content), 16);

    [Fact]
    public async Task Lists_each_needed_directory_exactly_once_and_nothing_else()
    {
        var store = new InMemoryVolumeStore();
        store.Put($"{Root}/unrelated/deep/file.txt", "x");
        store.Put($"{Root}/x/y/other_0123456789abcdef.txt", "x");
        var files = new[] { File("a.txt", "1"), File("b.txt", "2"), File("x/c.txt", "3"), File("x/d.txt", "4"), File("x/y/e.txt", "5") };

        var plan = await SyncPlanner.PlanAsync(store, Location, files, 16, force: false);

        Assert.Equal(3, plan.DirectoriesListed);
        Assert.Equal([Root, $"{Root}/x", $"{Root}/x/y"], store.ListedDirectories.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Up_to_date_means_same_hashed_name_and_same_size()
    {
        var store = new InMemoryVolumeStore();
        store.Put($"{Root}/{RemoteName("same.txt", "same")}", "same");
        store.Put($"{Root}/{RemoteName("short.txt", "short")}", "shor");
        store.Put($"{Root}/{RemoteName("old.txt", "old")}", "old");
        store.Put($"{Root}/sub/{RemoteName("moved.txt", "moved")}", "moved");
        var files = new[] { File("same.txt", "same"), File("short.txt", "short"), File("old.txt", "new"), File("moved.txt", "moved"), File("new.txt", "new") };

        var plan = await SyncPlanner.PlanAsync(store, Location, files, 16, force: false);

        Assert.Equal(["same.txt"], plan.Skips.Select(p => p.Source.File.RelativePath));
        Assert.Equal(["short.txt", "old.txt", "moved.txt", "new.txt"], plan.Uploads.Select(p => p.Source.File.RelativePath));
        Assert.Equal($"{Root}/{RemoteName("old.txt", "new")}", plan.Files[2].RemotePath);
    }

    [Fact]
    public async Task A_remote_directory_with_the_hashed_name_is_not_a_copy()
    {
        var store = new InMemoryVolumeStore();
        store.Put($"{Root}/{RemoteName("a.txt", "a")}/inner.txt", "a");

        var plan = await SyncPlanner.PlanAsync(store, Location, [File("a.txt", "a")], 16, force: false);

        Assert.Single(plan.Uploads);
    }

    [Fact]
    public async Task A_missing_directory_means_nothing_is_there()
    {
        var store = new InMemoryVolumeStore();

        var plan = await SyncPlanner.PlanAsync(store, Location, [File("new/dir/a.txt", "a")], 16, force: false);

        var upload = Assert.Single(plan.Uploads);
        Assert.Equal($"{Root}/new/dir/{RemoteName("a.txt", "a")}", upload.RemotePath);
    }

    [Fact]
    public async Task Follows_every_page_of_a_listing()
    {
        var store = new InMemoryVolumeStore { PageSize = 2 };
        for (var i = 0; i < 9; i++)
        {
            store.Put($"{Root}/aaa{i}.txt", "x");
        }

        store.Put($"{Root}/{RemoteName("zzz.txt", "z")}", "z");

        var plan = await SyncPlanner.PlanAsync(store, Location, [File("zzz.txt", "z")], 16, force: false);

        Assert.Single(plan.Skips);
        Assert.Equal(5, store.ListPageRequests);
    }

    [Fact]
    public async Task Hash_length_decides_the_remote_name()
    {
        var store = new InMemoryVolumeStore();
        store.Put($"{Root}/{VolSync.Naming.HashedName.Format("a.txt", Sha.Hex("a"), 8)}", "a");

        var with8 = await SyncPlanner.PlanAsync(store, Location, [File("a.txt", "a")], 8, force: false);
        var with16 = await SyncPlanner.PlanAsync(store, Location, [File("a.txt", "a")], 16, force: false);

        Assert.Single(with8.Skips);
        Assert.Single(with16.Uploads);
    }

    [Fact]
    public async Task Force_uploads_everything_without_listing()
    {
        var store = new InMemoryVolumeStore();
        store.Put($"{Root}/{RemoteName("a.txt", "a")}", "a");

        var plan = await SyncPlanner.PlanAsync(store, Location, [File("a.txt", "a"), File("b/c.txt", "c")], 16, force: true);

        Assert.Equal(2, plan.Uploads.Count);
        Assert.Empty(store.ListedDirectories);
    }
}
