using System.Text.RegularExpressions;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

public class UserAgentTests
{
    [Fact]
    public void Format_is_space_separated_key_value_pairs()
    {
        Assert.Equal("volsync/1.2.3 dotnet/10.0.1 os/linux", UserAgent.Format("1.2.3", new Version(10, 0, 1), "linux", null));
        Assert.Equal("volsync/1.2.3 dotnet/10.0.1 os/darwin volsync-cli/1.2.3", UserAgent.Format("1.2.3", new Version(10, 0, 1), "darwin", " volsync-cli/1.2.3 "));
    }

    [Theory]
    [InlineData("1.2.3+abcdef0123", "1.2.3")]
    [InlineData("1.2.3-beta.1+sha", "1.2.3-beta.1")]
    [InlineData("0.1.0", "0.1.0")]
    [InlineData(null, "0.0.0")]
    [InlineData("+sha", "0.0.0")]
    public void Build_metadata_is_dropped_from_the_version(string? informational, string expected)
    {
        Assert.Equal(expected, UserAgent.ToSemver(informational));
    }

    [Fact]
    public void This_process_gets_a_valid_value()
    {
        var value = UserAgent.Build("volsync-test/1.0");

        Assert.Matches(new Regex(@"^volsync/\d+\.\d+\.\d+[0-9A-Za-z.\-]* dotnet/\d+\.\d+\.\d+ os/(linux|darwin|windows) volsync-test/1\.0$"), value);
        Assert.StartsWith("volsync/", UserAgent.Build());
    }
}
