using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VolSync.Build.Tests;

/// <summary>The task's resources are its informational lines only: every diagnostic is data from VolSync.Core's table.</summary>
public sealed partial class ResourceTests
{
    [GeneratedRegex("VOLSYNC[0-9]{4}")]
    private static partial Regex Code();

    [Fact]
    public void No_resource_string_carries_a_code()
    {
        var set = SyncToDatabricksVolume.Strings.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        var count = 0;
        foreach (DictionaryEntry entry in set)
        {
            count++;
            Assert.DoesNotMatch(Code(), (string)entry.Value!);
        }

        Assert.True(count >= 5, "expected the task's informational strings");
    }
}
