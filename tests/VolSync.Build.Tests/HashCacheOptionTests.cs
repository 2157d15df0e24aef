using VolSync.Build.Tests.Infrastructure;

namespace VolSync.Build.Tests;

/// <summary>Issue 12 item 1: VolSyncUseHashCache=false, the MSBuild side of the CLI's --no-cache.</summary>
public sealed class HashCacheOptionTests
{
    private const string Volume = "/Volumes/main/default/apps";

    [Fact]
    public async Task UseHashCache_false_writes_no_cache_and_the_default_writes_one()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        h.WriteSource("a.txt", "alpha");
        var off = h.NewTask(Volume);
        off.UseHashCache = false;

        Assert.True(off.Execute(), h.Engine.Render());
        Assert.Equal(1, off.UploadedCount);
        Assert.False(Directory.Exists(h.HashCache) && Directory.EnumerateFiles(h.HashCache, "*.json").Any(), "no hash cache with UseHashCache=false");

        var on = h.NewTask(Volume);
        Assert.True(on.UseHashCache);
        Assert.True(on.Execute(), h.Engine.Render());
        Assert.Single(Directory.EnumerateFiles(h.HashCache, "*.json"));
    }
}
