using System.CommandLine;
using VolSync.Auth;
using VolSync.Diagnostics;
using VolSync.Remote.Databricks;

namespace VolSync.Cli.Commands;

/// <summary>
/// Which workspace and which credentials: <c>--host</c> and <c>--profile</c>, with the rest of Databricks unified
/// auth (environment, <c>~/.databrickscfg</c>, the databricks CLI) resolved by <see cref="DatabricksAuth"/>.
/// There is deliberately no token option: a secret on a command line ends up in shell history and process lists.
/// </summary>
internal sealed class ConnectionOptions
{
    public Option<string?> Host { get; } = new("--host")
    {
        Description = "Workspace URL, e.g. https://adb-123.4.azuredatabricks.net (default: DATABRICKS_HOST or the profile's host).",
        HelpName = "url",
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "A ~/.databrickscfg profile (default: DATABRICKS_CONFIG_PROFILE, then environment variables, then [DEFAULT]).",
        HelpName = "name",
    };

    public Option<TimeSpan?> Timeout { get; } = new("--timeout")
    {
        Description = "How long the command keeps retrying throttled or failed requests before it gives up, e.g. 30s, 2m (default 5m). A workspace that answers nothing useful for this long ends the run.",
        HelpName = "duration",
        CustomParser = DurationArgument.Parse,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Host);
        command.Options.Add(Profile);
        command.Options.Add(Timeout);
    }

    /// <summary>The retry budget of the command's transport: <c>--timeout</c>, or the client's default (5 minutes).</summary>
    public TimeSpan RetryBudget(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(Timeout) ?? new DatabricksClientOptions().RetryBudget;
    }

    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="logger">Receives token requests and CLI runs at debug level (<c>--verbose</c>); never a secret.</param>
    /// <param name="httpHandler">Sends token requests: the session transport's, so they share its limiter and retries.</param>
    public AuthSettings ToSettings(ParseResult parseResult, ISyncLogger logger, HttpMessageHandler? httpHandler = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new AuthSettings { Host = parseResult.GetValue(Host), Profile = parseResult.GetValue(Profile), Logger = logger, HttpHandler = httpHandler };
    }
}
