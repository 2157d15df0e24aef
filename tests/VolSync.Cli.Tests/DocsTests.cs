using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using VolSync.Diagnostics;
using VolSync.Emulator;

namespace VolSync.Cli.Tests;

/// <summary>
/// The docs name only what exists: every <c>VOLSYNC</c> code is in the code tables (Core's DiagnosticCodes, the
/// task's resources or the targets), every <c>--flag</c> is an option of the <c>volsync</c> command tree or of the
/// emulator. A renamed option or a retired code makes this fail until the docs follow.
/// </summary>
public sealed partial class DocsTests
{
    // Options of other tools that the docs show in their own commands (dotnet tool install, dotnet run).
    private static readonly string[] OtherToolsFlags = ["--global", "--add-source", "--project"];

    [GeneratedRegex(@"VOLSYNC[0-9]{4}")]
    private static partial Regex Code();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])--[a-z][a-z0-9-]*")]
    private static partial Regex Flag();

    [Fact]
    public void Every_code_named_in_the_docs_exists()
    {
        var known = KnownCodes();
        var missing = DocMentions(Code()).Where(m => !known.Contains(m.Text)).ToList();

        Assert.True(missing.Count == 0, "codes named in the docs that no table defines:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_flag_named_in_the_docs_exists()
    {
        var known = KnownFlags();
        var missing = DocMentions(Flag()).Where(m => !known.Contains(m.Text)).ToList();

        Assert.True(missing.Count == 0, "flags named in the docs that volsync and the emulator do not have:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void The_checks_see_the_codes_and_flags_of_every_source()
    {
        // Guards the test itself: each source of known names is really read.
        var codes = KnownCodes();
        Assert.Contains("VOLSYNC2001", codes); // Core
        Assert.Contains("VOLSYNC4001", codes); // task resources
        Assert.Contains("VOLSYNC2250", codes); // targets
        var flags = KnownFlags();
        Assert.Contains("--volume-path", flags); // CLI
        Assert.Contains("--quiet", flags); // CLI output options
        Assert.Contains("--token-lifetime", flags); // emulator
        Assert.DoesNotContain("--no-such-flag", flags);
        Assert.True(DocMentions(Flag()).Count() > 50 && DocMentions(Code()).Count() > 50);
    }

    private static HashSet<string> KnownCodes()
    {
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Code)
            .ToHashSet(StringComparer.Ordinal);
        var build = Path.Combine(RepoRoot, "src", "VolSync.Build");
        foreach (var value in XDocument.Load(Path.Combine(build, "Resources", "Strings.resx")).Descendants("value"))
        {
            codes.UnionWith(Code().Matches(value.Value).Select(m => m.Value));
        }

        foreach (var targets in Directory.EnumerateFiles(Path.Combine(build, "build")))
        {
            codes.UnionWith(Regex.Matches(File.ReadAllText(targets), @"Code=""(VOLSYNC[0-9]{4})""").Select(m => m.Groups[1].Value));
        }

        return codes;
    }

    private static HashSet<string> KnownFlags()
    {
        var flags = new HashSet<string>(OtherToolsFlags, StringComparer.Ordinal);
        var pending = new Stack<Command>([CliApplication.CreateRootCommand()]);
        while (pending.TryPop(out var command))
        {
            foreach (var option in command.Options)
            {
                flags.Add(option.Name);
                flags.UnionWith(option.Aliases);
            }

            foreach (var sub in command.Subcommands)
            {
                pending.Push(sub);
            }
        }

        flags.UnionWith(Flag().Matches(EmulatorCommandLine.Usage).Select(m => m.Value));
        return flags;
    }

    private static IEnumerable<(string File, int Line, string Text)> DocMentions(Regex pattern)
    {
        var documents = Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*.md")
            .Append(Path.Combine(RepoRoot, "README.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoRoot, "src"), "README.md", SearchOption.AllDirectories))
            .Where(File.Exists);
        foreach (var document in documents)
        {
            var lines = File.ReadAllLines(document);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in pattern.Matches(lines[i]))
                {
                    yield return (Path.GetRelativePath(RepoRoot, document), i + 1, match.Value);
                }
            }
        }
    }

    private static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VolSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VolSync.sln not found above " + AppContext.BaseDirectory);
    }
}
