using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using VolSync.Diagnostics;

namespace VolSync.Cli.Help;

/// <summary>
/// Turns what the parser could not match into advice: a misspelt option gets "did you mean", an option people bring
/// from other tools (<c>--include</c>, <c>--dryrun</c>, <c>-n</c>, <c>-o json</c>, <c>-r</c>) gets the volsync
/// spelling, an unknown command the nearest command. One coded line per mistake, never one per stray token.
/// </summary>
internal static class CommandLineHints
{
    /// <summary>What other tools call an option, and what volsync says instead (-1 values: every following non-option token, as a shell-expanded glob gives).</summary>
    private static readonly PeerOption[] PeerOptions =
    [
        new(["--include", "--include-pattern", "--filter", "--glob"], -1, _ => "use --pattern GLOB (repeatable), and quote the glob so the shell does not expand it: --pattern '*.txt'."),
        new(["--dryrun", "--dry_run", "-n", "--whatif", "--what-if", "--noop"], 0, _ => "use --dry-run."),
        new(["-o", "--output", "--format", "--output-format"], 1, _ => "use --json for one JSON document on stdout (people's text is the default)."),
        new(["--silent", "-s"], 0, _ => "use --quiet (-q) for errors and the summary only."),
        new(["--overwrite", "-f"], 0, _ => "use --force to upload every selected file even when an identical copy is there."),
        new(["--recursive", "-r", "-R"], 0, _ => "leave it out: volsync always syncs the sub-folders."),
        new(["--concurrency", "--parallel", "--parallelism", "-j", "--jobs", "--threads", "--max-concurrency"], 1, _ => "use --max-concurrent N (transfers in flight, 1-64)."),
        new(["--token", "-t"], 1, _ => "there is no token option on purpose (secrets on command lines end up in shell history and process lists): set DATABRICKS_TOKEN, or use --profile.", Secret: true),
        new(["--dest", "--destination", "--target", "--to"], 1, DestinationAdvice),
        new(["--delete", "--delete-extra", "--mirror", "--prune"], 0, _ => "upload never deletes files on the volume (it adds what is new or changed); 'volsync prune' deletes old releases."),
    ];

    /// <summary>Every spelling of another tool that gets advice (the docs may name them).</summary>
    public static IEnumerable<string> PeerOptionNames => PeerOptions.SelectMany(p => p.Names);

    /// <summary>What other tools call a command.</summary>
    private static readonly (string[] Names, string Command)[] PeerCommands =
    [
        (["sync", "cp", "copy", "push", "put", "deploy"], "upload"),
        (["ls", "list", "dir"], "list-remote"),
        (["mkdir", "create", "mkvol"], "create-volume"),
        (["serve", "server", "emulate", "fake"], "emulator"),
    ];

    /// <summary>
    /// The tokens the command could not use, in the order typed: those the parser left unmatched, and option-like
    /// tokens it bound to a positional argument (an optional argument takes an unknown <c>--dryrun</c> as its value).
    /// </summary>
    public static IReadOnlyList<string> Strays(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var used = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var misbound = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        Collect(parseResult.RootCommandResult, used, misbound);
        return parseResult.Tokens
            // A token the tokenizer typed as an option is one of the command's (a repeated --pattern's second name
            // belongs to no result); what it could not place is an argument token.
            .Where(t => t.Type is not (TokenType.Directive or TokenType.DoubleDash or TokenType.Option) && (!used.Contains(t) || misbound.Contains(t)))
            .Select(t => t.Value)
            .ToList();
    }

    /// <summary>Every mistake of <paramref name="parseResult"/>, one diagnostic each, in the order typed.</summary>
    public static IReadOnlyList<Diagnostic> Diagnose(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var command = parseResult.CommandResult.Command;
        var path = CommandPath(command);
        var found = new List<Diagnostic>();
        var unknownCommand = false;
        var tokens = Strays(parseResult);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (IsOption(token))
            {
                var name = token.Split('=', 2)[0];
                if (Peer(name) is { } peer)
                {
                    // A secret typed by mistake is not repeated: errors end up in CI logs.
                    var shown = peer.Secret ? name : token;
                    var take = token.Contains('=', StringComparison.Ordinal) ? 0 : peer.Values < 0 ? int.MaxValue : peer.Values;
                    for (; take > 0 && i + 1 < tokens.Count && !IsOption(tokens[i + 1]); take--)
                    {
                        shown += peer.Secret ? string.Empty : " " + tokens[i + 1];
                        i++;
                    }

                    found.Add(DiagnosticCodes.PeerOption.Create(shown, peer.Advice(command), path));
                }
                else if (command is RootCommand && command.Subcommands.FirstOrDefault(c => OptionNames(c).Contains(name, StringComparer.Ordinal)) is { } owner)
                {
                    found.Add(DiagnosticCodes.UnknownOption.Create(token, path, $" It is an option of the commands and goes after one: volsync {owner.Name} ... {name}."));
                }
                else if (command is not RootCommand && FindOption(command, name) is not null)
                {
                    // Known to the command, so it stood before the command's name ("volsync --json upload ...").
                    found.Add(DiagnosticCodes.UnknownOption.Create(token, "volsync", $" It is an option of '{path}' and goes after the command: {path} ... {name}."));
                }
                else
                {
                    var suggestion = Nearest(name, OptionNames(command));
                    // The misspelt option's value is the option's, not a stray argument of its own.
                    if (suggestion is not null && !token.Contains('=', StringComparison.Ordinal) && TakesValue(command, suggestion) && i + 1 < tokens.Count && !IsOption(tokens[i + 1]))
                    {
                        i++;
                    }

                    found.Add(DiagnosticCodes.UnknownOption.Create(token, path, suggestion is null ? string.Empty : $" Did you mean {suggestion}?"));
                }
            }
            else if (command is RootCommand)
            {
                if (!unknownCommand)
                {
                    var commands = command.Subcommands.Select(c => c.Name).ToList();
                    var suggestion = PeerCommands.FirstOrDefault(p => p.Names.Contains(token, StringComparer.OrdinalIgnoreCase)).Command
                        ?? Nearest(token, commands);
                    found.Add(DiagnosticCodes.UnknownCommand.Create(token, suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?", string.Join(", ", commands)));
                    unknownCommand = true;
                }
            }
            else
            {
                found.Add(DiagnosticCodes.UnexpectedArgument.Create(token, path, Arguments(command)));
            }
        }

        var explained = found.Count;
        foreach (var error in parseResult.Errors)
        {
            // "Required command was not provided" says less than the unknown command or option already reported; an
            // error about a value that is really a stray option (bound to an argument) is that stray's.
            if ((explained > 0 && error.SymbolResult is CommandResult { Command: RootCommand })
                || (error.SymbolResult is ArgumentResult argument && argument.Tokens.Any(t => IsOption(t.Value))))
            {
                continue;
            }

            var message = error.Message.Trim();
            message = message.EndsWith('.') ? message : message + ".";
            found.Add(DiagnosticCodes.CommandLineInvalid.Create(message, CommandPath(error.SymbolResult is CommandResult result ? result.Command : command)));
        }

        return found;
    }

    /// <summary>True when the user asked for JSON (<c>--json</c>, or <c>-o json</c> out of habit): errors then come as a JSON document too.</summary>
    public static bool WantsJson(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count && args[i] != "--"; i++)
        {
            if (args[i] == "--json"
                || (args[i] is "-o" or "--output" or "--format" or "--output-format" && i + 1 < args.Count && string.Equals(args[i + 1], "json", StringComparison.OrdinalIgnoreCase))
                || args[i] is "-o=json" or "--output=json" or "--format=json")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An option of another tool: its spellings, how many following tokens are its values (-1: every non-option token), the advice.</summary>
    private sealed record PeerOption(string[] Names, int Values, Func<Command, string> Advice, bool Secret = false);

    public static string CommandPath(Command command) => command is RootCommand ? "volsync" : "volsync " + command.Name;

    /// <summary>Where the destination goes depends on the command: pull writes into a folder, upload and list-remote take the volume as an argument.</summary>
    private static string DestinationAdvice(Command command) =>
        FindOption(command, "--to") is not null ? "use --to DIR for the local folder to write into, and --volume-path for the volume."
        : command.Arguments.Any(a => a.Name == "destination") ? "give the volume as the argument after the local folder, or as --volume-path /Volumes/<catalog>/<schema>/<volume>[/sub]."
        : "give the volume as --volume-path /Volumes/<catalog>/<schema>/<volume>[/sub], or as --catalog, --schema and --volume.";

    private static PeerOption? Peer(string name)
    {
        foreach (var peer in PeerOptions)
        {
            if (peer.Names.Contains(name, StringComparer.Ordinal))
            {
                return peer;
            }
        }

        return null;
    }

    private static bool IsOption(string token) => token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);

    /// <summary>Every token a symbol used; <paramref name="misbound"/>: option-like values of positional arguments.</summary>
    private static void Collect(SymbolResult result, HashSet<Token> used, HashSet<Token> misbound)
    {
        switch (result)
        {
            case CommandResult command:
                if (command.IdentifierToken is { } identifier)
                {
                    used.Add(identifier);
                }

                foreach (var child in command.Children)
                {
                    Collect(child, used, misbound);
                }

                break;
            case OptionResult option:
                if (option.IdentifierToken is { } name)
                {
                    used.Add(name);
                }

                used.UnionWith(option.Tokens);
                break;
            case ArgumentResult argument:
                used.UnionWith(argument.Tokens);
                // An argument directly under a command (not an option's value) never starts with a dash in volsync.
                if (argument.Parent is CommandResult)
                {
                    misbound.UnionWith(argument.Tokens.Where(t => IsOption(t.Value)));
                }

                break;
        }
    }

    private static Option? FindOption(Command command, string name) =>
        command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    private static bool TakesValue(Command command, string name) => FindOption(command, name) is { Arity.MaximumNumberOfValues: > 0 };

    private static IEnumerable<string> OptionNames(Command command) =>
        command.Options.Where(o => o is not HelpOption and not VersionOption).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));

    private static string Arguments(Command command) =>
        command.Arguments.Count == 0
            ? "no arguments, only options"
            : string.Join(" ", command.Arguments.Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[<{a.Name}>]" : $"<{a.Name}>"));

    /// <summary>The candidate closest to what was typed: a small edit distance, or the only one it is the start of.</summary>
    private static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        var bare = typed.TrimStart('-').ToLowerInvariant();
        if (bare.Length == 0)
        {
            return null;
        }

        var list = candidates.Distinct(StringComparer.Ordinal).ToList();
        var best = list
            .Select(c => (Name: c, Distance: Distance(bare, c.TrimStart('-'))))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(2, bare.Length / 3)))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        if (best is not null)
        {
            return best;
        }

        var starts = list.Where(c => bare.Length >= 3 && c.TrimStart('-').StartsWith(bare, StringComparison.Ordinal)).ToList();
        return starts.Count == 1 ? starts[0] : null;
    }

    /// <summary>Edit distance with adjacent transpositions (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
