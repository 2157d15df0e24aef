using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VolSync.Build.Tests;

/// <summary>The task's messages: every warning/error string starts with a code from the task's own blocks.</summary>
public sealed partial class ResourceTests
{
    [GeneratedRegex("^VOLSYNC(?<n>[0-9]{4}): ")]
    private static partial Regex CodePrefix();

    [Fact]
    public void Coded_strings_use_the_task_blocks_and_are_unique()
    {
        var set = SyncToDatabricksVolume.Strings.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        var codes = new List<int>();
        foreach (DictionaryEntry entry in set)
        {
            var match = CodePrefix().Match((string)entry.Value!);
            if (!match.Success)
            {
                continue;
            }

            var n = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            Assert.True(n is (>= 4001 and <= 4099) or (>= 2200 and <= 2249) or (>= 3100 and <= 3149) or (>= 1150 and <= 1169), $"{entry.Key}: VOLSYNC{n} is outside the task's blocks");
            codes.Add(n);
        }

        Assert.True(codes.Count >= 10, "expected the task's coded strings");
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("VolumeNotSpecified")]
    [InlineData("SourceDirectoryMissing")]
    [InlineData("VolumeNotFound")]
    [InlineData("SyncCanceled")]
    public void Diagnostics_are_coded(string name)
    {
        var text = SyncToDatabricksVolume.Strings.GetString(name, CultureInfo.InvariantCulture);
        Assert.NotNull(text);
        Assert.Matches(CodePrefix(), text);
    }
}
