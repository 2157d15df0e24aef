using VolSync.Core.Tests.TestSupport;
using VolSync.Diagnostics;
using VolSync.Discovery;

namespace VolSync.Core.Tests.Discovery;

/// <summary>
/// Issue 12 item 2: <c>\xff.txt</c> and <c>\xfe.txt</c> both read as <c>\ufffd.txt</c> in .NET; discovery kept one
/// (which then failed to open) and never mentioned the other: 3 local files, 2 results.
/// </summary>
public sealed class UnrepresentableNameTests : IDisposable
{
    private readonly SyncFixture _f = new();

    public void Dispose() => _f.Dispose();

    private bool CreateTree()
    {
        _f.Local.Write("ok.txt", "ok");
        return RawNames.TryCreateFile(_f.Local.Path, "\\xff.txt") && RawNames.TryCreateFile(_f.Local.Path, "\\xfe.txt");
    }

    [Fact]
    public void Every_entry_the_walk_sees_is_a_file_or_a_failure_naming_its_folder()
    {
        if (!CreateTree())
        {
            return;
        }

        var result = new FileSelector(null, null).Discover(_f.Local.Path);

        Assert.Equal(["ok.txt"], result.Files.Select(f => f.RelativePath));
        Assert.Equal(2, result.Failures.Count);
        Assert.All(result.Failures, failure =>
        {
            Assert.Equal(DiagnosticCodes.NameNotRepresentable.Code, failure.Code);
            Assert.Equal("\ufffd.txt", failure.RelativePath);
            Assert.Contains($"'{_f.Local.Path}'", failure.Message, StringComparison.Ordinal);
            Assert.StartsWith("A file in ", failure.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_sync_of_three_local_files_has_three_results_and_uploads_the_good_one()
    {
        if (!CreateTree())
        {
            return;
        }

        var result = await _f.RunAsync();

        Assert.Equal(3, result.Files.Count);
        Assert.Equal(1, result.SuccessCount);
        Assert.Equal(2, result.FailureCount);
        Assert.All(result.Files.Where(f => f.Outcome == FileOutcome.Failed), f => Assert.Equal(DiagnosticCodes.NameNotRepresentable.Code, f.ErrorCode));
        Assert.Equal([SyncFixture.RemotePath("ok.txt", "ok")], _f.Store.Files.Keys);
    }

    [Fact]
    public void A_folder_with_such_a_name_is_one_failure_and_excluded_names_are_not_reported()
    {
        _f.Local.Write("keep.txt", "k");
        if (!RawNames.TryCreateDirectory(_f.Local.Path, "\\xfd") || !RawNames.TryCreateFile(_f.Local.Path, "\\xfc.bin"))
        {
            return;
        }

        var result = new FileSelector(["*.txt", "*.bin"], ["*.bin"]).Discover(_f.Local.Path);

        Assert.Equal(["keep.txt"], result.Files.Select(f => f.RelativePath));
        var folder = Assert.Single(result.Failures);
        Assert.Equal(DiagnosticCodes.NameNotRepresentable.Code, folder.Code);
        Assert.StartsWith("A folder in ", folder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_really_is_U_FFFD_in_UTF_8_is_an_ordinary_file()
    {
        _f.Local.Write("\ufffd.txt", "replacement character");

        var result = new FileSelector(null, null).Discover(_f.Local.Path);

        Assert.Empty(result.Failures);
        Assert.Equal(["\ufffd.txt"], result.Files.Select(f => f.RelativePath));
    }
}
