using VolSync.Diagnostics;
using VolSync.Discovery;

namespace VolSync.Core.Tests.Discovery;

public class PatternTests
{
    private static readonly string[] Tree =
    [
        "a.txt",
        "b.json",
        ".env",
        "Makefile",
        "x/a.txt",
        "x/y/a.txt",
        "x/y/draft-1.txt",
        "docs/guide.md",
        "docs/api/ref.md",
        "src/docs/other.md",
        "obj/Debug/app.dll",
        "src/obj/x.cs",
        "data/a1.csv",
        "data/a22.csv",
        "README.MD",
    ];

    private static IReadOnlyList<string> Select(string[] includes, string[]? excludes = null) =>
        new FileSelector(includes, excludes).Filter(Tree);

    [Fact]
    public void Default_selects_every_file_at_every_depth_including_dotfiles() =>
        Assert.Equal(Tree, Select([]));

    [Fact]
    public void A_pattern_without_a_slash_matches_the_file_name_at_any_depth() =>
        Assert.Equal(["a.txt", "x/a.txt", "x/y/a.txt", "x/y/draft-1.txt"], Select(["*.txt"]));

    [Fact]
    public void A_pattern_with_a_slash_is_relative_to_the_root()
    {
        Assert.Equal(["docs/guide.md", "docs/api/ref.md"], Select(["docs/**/*.md"]));
        Assert.Equal(["docs/guide.md"], Select(["docs/*.md"]));
        Assert.Equal(["a.txt"], Select(["/a.txt"]));
    }

    [Fact]
    public void Question_mark_matches_exactly_one_character()
    {
        Assert.Equal(["data/a1.csv"], Select(["a?.csv"]));
        Assert.Equal(["data/a1.csv"], Select(["data/a?.csv"]));
        Assert.Empty(Select(["?"]));
    }

    [Fact]
    public void Several_includes_select_their_union() =>
        Assert.Equal(["a.txt", "b.json", "x/a.txt", "x/y/a.txt", "x/y/draft-1.txt"], Select(["*.txt", "*.json"]));

    [Fact]
    public void An_exclude_always_wins_over_an_include()
    {
        Assert.Equal(["a.txt", "x/a.txt", "x/y/a.txt"], Select(["*.txt"], ["*draft*"]));
        Assert.Empty(Select(["a.txt"], ["a.txt"]));
        Assert.Equal(["x/a.txt", "x/y/a.txt", "x/y/draft-1.txt"], Select(["**/*.txt"], ["/a.txt"]));
        Assert.Equal(["data/a22.csv"], Select(["*.csv"], ["a?.csv"]));
    }

    [Fact]
    public void A_trailing_slash_names_a_folder_at_any_depth_and_everything_below_it()
    {
        var selected = Select([], ["obj/"]);

        Assert.DoesNotContain("obj/Debug/app.dll", selected);
        Assert.DoesNotContain("src/obj/x.cs", selected);
        Assert.Equal(Tree.Length - 2, selected.Count);
    }

    [Fact]
    public void A_folder_glob_excludes_everything_below_it()
    {
        var selected = Select([], ["obj/**"]);

        Assert.DoesNotContain("obj/Debug/app.dll", selected);
        Assert.Contains("src/obj/x.cs", selected);
    }

    [Fact]
    public void Matching_is_case_sensitive_on_Linux_only()
    {
        var selected = Select(["*.md"]);

        if (OperatingSystem.IsLinux())
        {
            Assert.DoesNotContain("README.MD", selected);
        }
        else
        {
            Assert.Contains("README.MD", selected);
        }

        Assert.Contains("docs/guide.md", selected);
    }

    [Fact]
    public void Backslashes_are_separators() =>
        Assert.Equal(["docs/guide.md"], Select([@"docs\*.md"]));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/")]
    [InlineData("../secret/*")]
    [InlineData("a//b")]
    [InlineData("./a.txt")]
    public void Invalid_patterns_are_rejected_with_a_code(string pattern)
    {
        var include = Assert.Throws<VolSyncException>(() => new FileSelector([pattern], []));
        var exclude = Assert.Throws<VolSyncException>(() => new FileSelector([], [pattern]));

        Assert.Equal(DiagnosticCodes.PatternInvalid.Code, include.Code);
        Assert.Equal(DiagnosticCodes.PatternInvalid.Code, exclude.Code);
    }
}
