using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace VolSync.Cli.Help;

/// <summary>
/// Adds sections the parser cannot describe (e.g. the emulator's own options) and an "Examples:" section, with
/// copy-pasteable command lines, to the end of each command's --help.
/// </summary>
internal static class HelpExamples
{
    public static void Install(RootCommand root, IReadOnlyDictionary<Command, string[]> examples, IReadOnlyDictionary<Command, string>? sections = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(examples);
        var helpOption = root.Options.OfType<HelpOption>().Single();
        if (helpOption.Action is HelpAction standard)
        {
            helpOption.Action = new WithExamples(standard, examples, sections ?? new Dictionary<Command, string>());
        }
    }

    /// <summary>The parser's own help, then the examples of the command help was asked for.</summary>
    private sealed class WithExamples : SynchronousCommandLineAction
    {
        private readonly HelpAction _standard;
        private readonly IReadOnlyDictionary<Command, string[]> _examples;
        private readonly IReadOnlyDictionary<Command, string> _sections;

        public WithExamples(HelpAction standard, IReadOnlyDictionary<Command, string[]> examples, IReadOnlyDictionary<Command, string> sections)
        {
            _standard = standard;
            _examples = examples;
            _sections = sections;
        }

        public override int Invoke(ParseResult parseResult)
        {
            ArgumentNullException.ThrowIfNull(parseResult);
            var exitCode = WithoutAdditionalArguments(parseResult.CommandResult.Command, () => _standard.Invoke(parseResult));
            if (_sections.TryGetValue(parseResult.CommandResult.Command, out var section))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(section);
            }

            if (_examples.TryGetValue(parseResult.CommandResult.Command, out var lines) && lines.Length > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var line in lines)
                {
                    output.WriteLine("  " + line);
                }

                output.WriteLine();
            }

            return exitCode;
        }

        /// <summary>
        /// The commands let unmatched tokens through so that CommandLineHints can explain them; help would show that
        /// as "[[--] &lt;additional arguments&gt;...]]", which volsync does not take.
        /// </summary>
        private static int WithoutAdditionalArguments(Command command, Func<int> help)
        {
            var chain = new List<(Command Command, bool Treat)>();
            for (Symbol? symbol = command; symbol is Command current; symbol = current.Parents.FirstOrDefault())
            {
                chain.Add((current, current.TreatUnmatchedTokensAsErrors));
                current.TreatUnmatchedTokensAsErrors = true;
            }

            try
            {
                return help();
            }
            finally
            {
                foreach (var (each, treat) in chain)
                {
                    each.TreatUnmatchedTokensAsErrors = treat;
                }
            }
        }
    }
}
