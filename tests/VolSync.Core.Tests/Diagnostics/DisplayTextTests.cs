using VolSync.Diagnostics;

namespace VolSync.Core.Tests.Diagnostics;

public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("report.txt", "report.txt")]
    [InlineData("", "")]
    [InlineData("new\nline.txt", "new\\nline.txt")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("cr\r.txt", "cr\\r.txt")]
    [InlineData("bell\u0007", "bell\\x07")]
    [InlineData("esc\u001b[31mred", "esc\\x1B[31mred")]
    [InlineData("del\u007f", "del\\x7F")]
    [InlineData("csi\u009b2J", "csi\\x9B2J")]
    [InlineData("ünïcode ✓ 名前", "ünïcode ✓ 名前")]
    public void Control_characters_become_visible_escapes_and_nothing_else_changes(string text, string expected) =>
        Assert.Equal(expected, DisplayText.Escape(text));

    [Fact]
    public void Escaped_text_has_no_control_character_left()
    {
        var every = new string(Enumerable.Range(0, 0xA0).Select(i => (char)i).ToArray());
        Assert.DoesNotContain(DisplayText.Escape(every), DisplayText.IsControl);
    }

    [Fact]
    public void Null_is_empty() => Assert.Equal(string.Empty, DisplayText.Escape(null));
}
