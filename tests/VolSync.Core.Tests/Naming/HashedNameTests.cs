using VolSync.Naming;

namespace VolSync.Core.Tests.Naming;

public class HashedNameTests
{
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Theory]
    [InlineData("report.txt", "report_9f86d081884c7d65.txt")]
    [InlineData("app.tar.gz", "app.tar_9f86d081884c7d65.gz")]
    [InlineData("Makefile", "Makefile_9f86d081884c7d65")]
    [InlineData(".env", ".env_9f86d081884c7d65")]
    [InlineData(".config.json", ".config_9f86d081884c7d65.json")]
    [InlineData("trailing.", "trailing_9f86d081884c7d65.")]
    public void Format_puts_the_hash_before_the_extension_from_the_last_dot(string name, string expected) =>
        Assert.Equal(expected, HashedName.Format(name, Hash, 16));

    [Theory]
    [InlineData(8, "report_9f86d081.txt")]
    [InlineData(64, "report_" + Hash + ".txt")]
    public void Format_uses_hash_length_digits(int hashLength, string expected) =>
        Assert.Equal(expected, HashedName.Format("report.txt", Hash, hashLength));

    public static TheoryData<string> TrickyNames() => new()
    {
        "report.txt",
        "my report (final).txt",
        "a+b#c?d%e&f.bin",
        "100% done & dusted",
        "日本語のファイル.txt",
        "émoji 🎉.png",
        "Makefile",
        "archive.tar.gz",
        "v1.2.3.nupkg",
        ".env",
        ".gitignore.bak",
        "..double",
        "x_0123456789abcdef.txt",
        "x_0123456789abcdef",
        "_leading_underscore.txt",
        "under_score_name.tar.gz",
        "name.with_underscore_ext",
        "trailing.",
        "a",
    };

    [Theory]
    [MemberData(nameof(TrickyNames))]
    public void Parse_round_trips_every_name_and_hash_length(string name)
    {
        foreach (var hashLength in new[] { 8, 16, 33, 64 })
        {
            var remote = HashedName.Format(name, Hash, hashLength);

            Assert.True(HashedName.TryParse(remote, hashLength, out var parts), remote);
            Assert.Equal(name, parts.OriginalName);
            Assert.Equal(Hash[..hashLength], parts.Hash);
            Assert.Equal(name, parts.Stem + parts.Extension);
        }
    }

    [Fact]
    public void A_name_that_already_looks_hashed_keeps_its_old_hash_in_the_original_name()
    {
        var remote = HashedName.Format("x_0123456789abcdef.txt", Hash, 16);

        Assert.Equal("x_0123456789abcdef_9f86d081884c7d65.txt", remote);
        Assert.True(HashedName.TryParse(remote, 16, out var parts));
        Assert.Equal("x_0123456789abcdef.txt", parts.OriginalName);
        Assert.Equal("x_0123456789abcdef", parts.Stem);
        Assert.Equal(".txt", parts.Extension);
        Assert.Equal("9f86d081884c7d65", parts.Hash);
    }

    [Fact]
    public void Parse_splits_at_the_last_underscore_before_the_extension()
    {
        Assert.True(HashedName.TryParse("my_file_name.tar_9f86d081884c7d65.gz", 16, out var parts));
        Assert.Equal("my_file_name.tar", parts.Stem);
        Assert.Equal(".gz", parts.Extension);
        Assert.Equal("my_file_name.tar.gz", parts.OriginalName);
    }

    [Theory]
    [InlineData("report.txt")]
    [InlineData("report_9f86d081884c7d6.txt")]
    [InlineData("report_9f86d081884c7d655.txt")]
    [InlineData("report_9F86D081884C7D65.txt")]
    [InlineData("report_9f86d081884c7g65.txt")]
    [InlineData("report-9f86d081884c7d65.txt")]
    [InlineData("_9f86d081884c7d65.txt")]
    [InlineData("_9f86d081884c7d65")]
    [InlineData("report.txt_9f86d081884c7d65")]
    [InlineData("app_9f86d081884c7d65.tar.gz")]
    [InlineData("")]
    public void Names_that_do_not_parse_are_foreign(string remoteName)
    {
        Assert.False(HashedName.TryParse(remoteName, 16, out var parts));
        Assert.Equal(default, parts);
    }

    [Fact]
    public void Parse_needs_exactly_the_configured_hash_length()
    {
        var remote = HashedName.Format("report.txt", Hash, 16);

        Assert.False(HashedName.TryParse(remote, 8, out _));
        Assert.False(HashedName.TryParse(remote, 20, out _));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(65)]
    public void Hash_length_outside_8_to_64_is_rejected(int hashLength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HashedName.Format("a.txt", Hash, hashLength));
        Assert.Throws<ArgumentOutOfRangeException>(() => HashedName.TryParse("a_9f86d081.txt", hashLength, out _));
    }

    [Fact]
    public void Format_rejects_a_hash_that_is_not_lowercase_hex() =>
        Assert.Throws<ArgumentException>(() => HashedName.Format("a.txt", Hash.ToUpperInvariant(), 16));
}
