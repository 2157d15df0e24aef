using System.CommandLine;
using VolSync.Auth;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Cli.Commands;

/// <summary>
/// Which workspace and which credentials: <c>--host</c> and <c>--profile</c>, with the rest of Databricks unified
/// auth (environment, <c>~/.databrickscfg</c>, the databricks CLI) resolved by <see cref="DatabricksAuth"/>; and
/// <c>--retry-budget</c> (alias <c>--timeout</c>). There is deliberately no token option: a secret on a command
/// line ends up in shell history and process lists.
/// </summary>
internal sealed class ConnectionOptions
{
    public static string UserAgent { get; } = Remote.Databricks.UserAgent.ForHost("volsync-cli", typeof(ConnectionOptions).Assembly);

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

    public Option<string?> RetryBudget { get; } = new("--retry-budget", "--timeout")
    {
        Description = "How long the run keeps retrying (429, 503, connection failures): a request gives up after retrying this long, and every request once the workspace has answered nothing useful for this long. 90s, 5m, 1h, or seconds (default 5m).",
        HelpName = "duration",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Host);
        command.Options.Add(Profile);
        command.Options.Add(RetryBudget);
    }

    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="text">Collects a retry budget that is not a duration.</param>
    /// <param name="io">
    /// The command's output: its logger receives token requests, HTTP timing and CLI runs at debug level
    /// (<c>--verbose</c>; never a secret), its human output the retry notices.
    /// </param>
    /// <param name="onRetry">Shows retries; null writes them as lines of the human output, at most one a second.</param>
    public ConnectionSettings ToSettings(ParseResult parseResult, SettingText text, CommandOutput io, Action<RequestRetry>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(io);
        return new ConnectionSettings
        {
            Auth = new AuthSettings { Host = parseResult.GetValue(Host), Profile = parseResult.GetValue(Profile), Logger = io.Logger },
            RetryBudget = text.RetryBudget(parseResult.GetValue(RetryBudget)),
            UserAgentExtra = UserAgent,
            Logger = io.Logger,
            OnRetry = onRetry ?? new RetryNotices(io.Human).Report,
        };
    }
}
