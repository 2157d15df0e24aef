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
            var exitCode = _standard.Invoke(parseResult);
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
    }
}
