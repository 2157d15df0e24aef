using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace VolSync.Cli.Help;

/// <summary>Adds an "Examples:" section, with copy-pasteable command lines, to the end of each command's --help.</summary>
internal static class HelpExamples
{
    public static void Install(RootCommand root, IReadOnlyDictionary<Command, string[]> examples)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(examples);
        var helpOption = root.Options.OfType<HelpOption>().Single();
        if (helpOption.Action is HelpAction standard)
        {
            helpOption.Action = new WithExamples(standard, examples);
        }
    }

    /// <summary>The parser's own help, then the examples of the command help was asked for.</summary>
    private sealed class WithExamples : SynchronousCommandLineAction
    {
        private readonly HelpAction _standard;
        private readonly IReadOnlyDictionary<Command, string[]> _examples;

        public WithExamples(HelpAction standard, IReadOnlyDictionary<Command, string[]> examples)
        {
            _standard = standard;
            _examples = examples;
        }

        public override int Invoke(ParseResult parseResult)
        {
            ArgumentNullException.ThrowIfNull(parseResult);
            var exitCode = _standard.Invoke(parseResult);
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
