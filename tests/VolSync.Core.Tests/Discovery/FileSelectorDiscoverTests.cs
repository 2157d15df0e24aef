using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Discovery;

namespace VolSync.Core.Tests.Discovery;

public sealed class FileSelectorDiscoverTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private DiscoveryResult Discover(string[]? includes = null, string[]? excludes = null) =>
        new FileSelector(includes, excludes).Discover(_dir.Path);

    [Fact]
    public void Finds_files_with_slash_relative_paths_in_ordinal_order_with_size_and_time()
    {
        _dir.Write("b.txt", "bb");
        _dir.Write("a/z.txt", "z");
        _dir.Write("a/B.txt", "B");
        _dir.Write("A.txt", "AAA");
        _dir.CreateDirectory("empty/inner");

        var result = Discover();

        Assert.Empty(result.Failures);
        Assert.Equal(["A.txt", "a/B.txt", "a/z.txt", "b.txt"], result.Files.Select(f => f.RelativePath));
        var a = result.Files[0];
        Assert.Equal(_dir.Combine("A.txt"), a.FullPath);
        Assert.Equal(3, a.Size);
        Assert.Equal(TempDirectory.OldTime.Ticks, a.LastWriteUtcTicks);
        Assert.Equal("z.txt", result.Files[2].Name);
        Assert.Equal("a", result.Files[2].RelativeDirectory);
        Assert.Equal(string.Empty, result.Files[3].RelativeDirectory);
    }

    [Fact]
    public void Applies_include_and_exclude_patterns()
    {
        _dir.Write("keep.txt", "1");
        _dir.Write("deep/keep.txt", "2");
        _dir.Write("deep/draft.txt", "3");
        _dir.Write("other.bin", "4");

        var result = Discover(["*.txt"], ["draft*"]);

        Assert.Equal(["deep/keep.txt", "keep.txt"], result.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public void A_missing_root_is_a_coded_error()
    {
        var ex = Assert.Throws<VolSyncException>(() => new FileSelector(null, null).Discover(_dir.Combine("nope")));
        Assert.Equal(DiagnosticCodes.LocalPathNotFound.Code, ex.Code);
    }

    [Fact]
    public void Symlinked_directories_are_not_followed_and_symlinked_files_are_selected_with_their_target()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Creating links needs privileges there; the walk is the same code.
        }

        _dir.Write("real/data.txt", "hello");
        var outside = new TempDirectory();
        try
        {
            var target = outside.Write("target.bin", "0123456789");
            File.CreateSymbolicLink(_dir.Combine("link.bin"), target);
            Directory.CreateSymbolicLink(_dir.Combine("loop"), _dir.Path);
            Directory.CreateSymbolicLink(_dir.Combine("real/outside"), outside.Path);

            var result = Discover();

            Assert.Empty(result.Failures);
            Assert.Equal(["link.bin", "real/data.txt"], result.Files.Select(f => f.RelativePath));
            var link = result.Files[0];
            Assert.Equal(10, link.Size);
            Assert.Equal(TempDirectory.OldTime.Ticks, link.LastWriteUtcTicks);
        }
        finally
        {
            outside.Dispose();
        }
    }

    [Fact]
    public void A_dangling_symlink_is_a_failure_of_that_file_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _dir.Write("ok.txt", "ok");
        File.CreateSymbolicLink(_dir.Combine("broken.txt"), _dir.Combine("missing.txt"));

        var result = Discover();

        Assert.Equal(["ok.txt"], result.Files.Select(f => f.RelativePath));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("broken.txt", failure.RelativePath);
        Assert.Equal(DiagnosticCodes.SymlinkTargetMissing.Code, failure.Code);
        Assert.DoesNotContain(failure.Code, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_excluded_dangling_symlink_is_not_a_failure()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.CreateSymbolicLink(_dir.Combine("broken.tmp"), _dir.Combine("missing"));

        var result = Discover(excludes: ["*.tmp"]);

        Assert.Empty(result.Files);
        Assert.Empty(result.Failures);
    }
}
