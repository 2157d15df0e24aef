using System.CommandLine;
using System.Text.RegularExpressions;
using VolSync.Emulator;

namespace VolSync.Cli.Tests;

/// <summary>
/// The docs name only options that exist: every <c>--flag</c> is an option of the <c>volsync</c> command tree or of
/// the emulator. A renamed option makes this fail until the docs follow. (Codes: CodeTableTests in the E2E tests.)
/// </summary>
public sealed partial class DocsTests
{
    // Options of other tools that the docs show in their own commands (dotnet tool install, dotnet run, the
    // az account get-access-token that azure-cli runs).
    private static readonly string[] OtherToolsFlags = ["--global", "--add-source", "--project", "--resource", "--output", "--tenant"];

    // A trailing * names a family (`--rate-*`): some option must start with it.
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])--[a-z][a-z0-9-]*\*?")]
    private static partial Regex Flag();

    [Fact]
    public void Every_flag_named_in_the_docs_exists()
    {
        var known = KnownFlags();
        var missing = DocMentions(Flag())
            .Where(m => m.Text.EndsWith('*') ? !known.Any(k => k.StartsWith(m.Text[..^1], StringComparison.Ordinal)) : !known.Contains(m.Text))
            .ToList();

        Assert.True(missing.Count == 0, "flags named in the docs that volsync and the emulator do not have:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void The_check_sees_the_flags_of_every_source()
    {
        // Guards the test itself: each source of known names is really read.
        var flags = KnownFlags();
        Assert.Contains("--volume-path", flags); // CLI
        Assert.Contains("--quiet", flags); // CLI output options
        Assert.Contains("--token-lifetime", flags); // emulator
        Assert.DoesNotContain("--no-such-flag", flags);
        Assert.True(DocMentions(Flag()).Count() > 50);
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
