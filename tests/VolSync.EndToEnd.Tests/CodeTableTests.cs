using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using VolSync.Build;
using VolSync.Diagnostics;
using VolSync.EndToEnd.Tests.Infrastructure;

namespace VolSync.EndToEnd.Tests;

/// <summary>
/// Every table of codes at once: VolSync.Core's DiagnosticCodes.*, the MSBuild task's resources and the codes the
/// targets raise themselves. A code means one condition, everywhere.
/// </summary>
public sealed partial class CodeTableTests
{
    [GeneratedRegex("VOLSYNC[0-9]{4}")]
    private static partial Regex AnyCode();

    private static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = typeof(DiagnosticCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();

    [Fact]
    public void Codes_are_unique_across_all_tables()
    {
        var codes = new List<string>(Descriptors.Select(d => d.Code));
        var resources = new ResourceManager("VolSync.Build.Resources.Strings", typeof(SyncToDatabricksVolume).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        foreach (DictionaryEntry entry in resources)
        {
            codes.AddRange(AnyCode().Matches((string)entry.Value!).Select(m => m.Value));
        }

        Assert.True(Descriptors.Count > 60, "expected the whole table");
        Assert.All(Descriptors, d => Assert.Matches("^VOLSYNC[1-4][0-9]{3}$", d.Code));
        var duplicates = codes.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "codes used twice: " + string.Join(", ", duplicates));
        Assert.Empty(codes.Intersect(DiagnosticCodes.Retired));
    }

    [Fact]
    public void No_message_template_repeats_its_code()
    {
        Assert.All(Descriptors, d => Assert.DoesNotMatch(AnyCode(), d.MessageFormat));
    }

    [Fact]
    public void Codes_the_targets_raise_are_in_the_table_with_the_same_text()
    {
        var targets = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "VolSync.Build", "build", "VolSync.Build.targets"));
        var errors = Regex.Matches(targets, "<Error Code=\"(?<code>VOLSYNC[0-9]{4})\"[^>]*Text=\"(?<text>[^\"]*)\"", RegexOptions.Singleline);

        Assert.NotEmpty(errors);
        foreach (Match error in errors)
        {
            var descriptor = Assert.Single(Descriptors, d => d.Code == error.Groups["code"].Value);
            // The template's arguments are the properties the targets put in their place, in order.
            var text = System.Net.WebUtility.HtmlDecode(error.Groups["text"].Value);
            var arguments = Regex.Matches(text, @"\$\([A-Za-z]+\)").Select(m => (object?)m.Value).ToArray();
            Assert.Equal(descriptor.Format(arguments), text);
        }
    }

    [Fact]
    public void Every_code_the_docs_name_exists_or_is_documented_as_retired()
    {
        var known = Descriptors.Select(d => d.Code).Concat(DiagnosticCodes.Retired).ToHashSet();
        foreach (var doc in Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Append(Path.Combine(RepoPaths.Root, "README.md")))
        {
            foreach (Match code in AnyCode().Matches(File.ReadAllText(doc)))
            {
                Assert.True(known.Contains(code.Value), $"{Path.GetFileName(doc)} names {code.Value}, which no table holds");
            }
        }
    }
}
