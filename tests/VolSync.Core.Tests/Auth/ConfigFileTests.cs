using VolSync.Auth.Configuration;

namespace VolSync.Core.Tests.Auth;

public sealed class ConfigFileTests
{
    [Theory]
    [InlineData("\"%Y#X$Z\" # c", "%Y#X$Z")]
    [InlineData("plain # comment", "plain")]
    [InlineData("plain ; comment", "plain")]
    [InlineData("plain\t# comment", "plain")]
    [InlineData("a#b", "a#b")]
    [InlineData("a;b", "a;b")]
    [InlineData("'single quoted ; kept'", "single quoted ; kept")]
    [InlineData("\"double\"", "double")]
    [InlineData("  spaced  ", "spaced")]
    [InlineData("", "")]
    public void Values_lose_inline_comments_and_surrounding_quotes(string raw, string expected) =>
        Assert.Equal(expected, ConfigFile.ParseValue(raw));

    [Fact]
    public void Sections_are_profiles_with_dots_allowed_and_comment_lines_ignored()
    {
        var file = ConfigFile.Parse("cfg", """
            # a comment line
            ; another
            [DEFAULT]
            host = https://default.example.com

            [team.dev]
            host = https://dev.example.com
            token = "dapi-dev" # the dev token
            cluster_id: 0123-abc
            [__settings__]
            default_profile = team.dev
            """);

        Assert.Equal(["DEFAULT", "team.dev"], file.ProfileNames);
        Assert.Equal("team.dev", file.DefaultProfileSetting);
        var dev = file.GetProfile("team.dev")!;
        Assert.Equal("https://dev.example.com", dev["host"]);
        Assert.Equal("dapi-dev", dev["token"]);
        Assert.Equal("0123-abc", dev["cluster_id"]);
        Assert.Null(file.GetProfile("__settings__"));
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_read()
    {
        var file = ConfigFile.Parse("cfg", "\uFEFF[p]\r\nhost = h.example.com\r\ntoken = t\r\n");
        Assert.Equal("h.example.com", file.GetProfile("p")!["host"]);
        Assert.Equal("t", file.GetProfile("p")!["token"]);
    }

    [Fact]
    public void ToString_of_a_profile_shows_keys_but_no_values()
    {
        var file = ConfigFile.Parse("cfg", "[p]\ntoken = dapi-super-secret-1234\n");
        var text = file.GetProfile("p")!.ToString();
        Assert.Contains("token", text);
        Assert.DoesNotContain("dapi-super-secret-1234", text);
    }

    [Fact]
    public void A_missing_file_is_empty_and_not_an_error()
    {
        var file = ConfigFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), ".databrickscfg"));
        Assert.False(file.Exists);
        Assert.Empty(file.ProfileNames);
    }

    [Theory]
    [InlineData(null, "/home/u/.databrickscfg")]
    [InlineData("~/cfg/databricks.ini", "/home/u/cfg/databricks.ini")]
    [InlineData("/etc/databrickscfg", "/etc/databrickscfg")]
    public void Config_file_path_expands_tilde_to_the_home_folder(string? configured, string expected)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(expected, AuthConfigLoader.ConfigFilePath(configured, "/home/u"));
    }
}
