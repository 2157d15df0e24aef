using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

public class PathEscaperTests
{
    [Theory]
    // The reference examples (Python SDK urllib.parse.quote with safe='/').
    [InlineData("/Volumes/a b/c:d@e&f=g+h$i", "/Volumes/a%20b/c%3Ad%40e%26f%3Dg%2Bh%24i")]
    [InlineData("ü", "%C3%BC")]
    [InlineData("a#b?c", "a%23b%3Fc")]
    [InlineData("%", "%25")]
    // Unreserved characters and separators stay.
    [InlineData("/Volumes/main/default/v/A-Z_a.z~0-9", "/Volumes/main/default/v/A-Z_a.z~0-9")]
    [InlineData("a%2Bb", "a%252Bb")]
    [InlineData("semi;colon,comma", "semi%3Bcolon%2Ccomma")]
    [InlineData("it's (1)!*", "it%27s%20%281%29%21%2A")]
    [InlineData("日本", "%E6%97%A5%E6%9C%AC")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("back\\slash", "back%5Cslash")]
    [InlineData("", "")]
    public void EscapePath_matches_the_python_sdk(string path, string expected)
    {
        Assert.Equal(expected, PathEscaper.EscapePath(path));
    }

    [Fact]
    public void EscapeSegment_escapes_the_slash_too()
    {
        Assert.Equal("a%2Fb%20c", PathEscaper.EscapeSegment("a/b c"));
    }

    [Fact]
    public void Lone_surrogates_are_refused_rather_than_silently_renamed()
    {
        Assert.ThrowsAny<ArgumentException>(() => PathEscaper.EscapePath("bad\uD800name"));
    }
}
