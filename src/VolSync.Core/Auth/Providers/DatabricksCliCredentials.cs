using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using VolSync.Diagnostics;
using VolSync.Remote.Databricks;

namespace VolSync.Auth.Providers;

/// <summary>
/// Tokens from the databricks CLI's own login (<c>databricks auth login</c>): runs
/// <c>databricks auth token --profile p</c> (or <c>--host h</c>) and re-runs it when the token nears expiry.
/// Run through <see cref="CredentialProcess"/>: directly, never through a shell.
/// </summary>
internal sealed partial class DatabricksCliCredentials : RefreshingCredentials
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    private readonly string _cliPath;
    private readonly string[] _arguments;

    public DatabricksCliCredentials(string cliPath, Uri host, string? profile, ISyncLogger? logger, TimeProvider? time = null)
        : base(time, logger)
    {
        _cliPath = cliPath;
        _arguments = profile is null ? ["auth", "token", "--host", host.AbsoluteUri.TrimEnd('/')] : ["auth", "token", "--profile", profile];
        Identity = profile is null ? $"databricks CLI (host {host.AbsoluteUri.TrimEnd('/')})" : $"databricks CLI (profile '{profile}')";
    }

    public override string AuthType => "databricks-cli";

    public override string Identity { get; }

    public string CommandLine => "databricks " + string.Join(' ', _arguments);

    protected override async Task<OAuthToken> FetchTokenAsync(CancellationToken cancellationToken)
    {
        CredentialProcess.Result result;
        try
        {
            result = await CredentialProcess.RunAsync(_cliPath, _arguments, s_timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialProcess.CouldNotStartException ex)
        {
            throw DiagnosticCodes.AuthCliNotStarted.ToException(ex.InnerException!, _cliPath, ex.Message);
        }
        catch (TimeoutException)
        {
            throw DiagnosticCodes.AuthCliTimedOut.ToException(CommandLine, (int)s_timeout.TotalSeconds);
        }

        Logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"auth: {CommandLine} -> exit {result.ExitCode} in {result.Elapsed.TotalMilliseconds:F0} ms"));
        if (result.ExitCode != 0)
        {
            var message = result.StandardError.Trim();
            throw new CliFailedException(
                DiagnosticCodes.AuthCliFailed.ToException(CommandLine, result.ExitCode, message.Length == 0 ? "(no error output)." : AuthHttp.Truncate(message)),
                message);
        }

        var token = ParseOutput(result.StandardOutput, out var problem)
            ?? throw DiagnosticCodes.AuthCliOutputInvalid.ToException(CommandLine, problem);
        Logger.Log(SyncLogLevel.Debug, $"auth: new {token} for {Identity}");
        return token;
    }

    /// <summary>Reads <c>{"access_token","token_type","expiry"}</c>; expiry is RFC 3339 (any number of fraction digits) or <c>YYYY-MM-DD HH:MM:SS</c> local time.</summary>
    internal static OAuthToken? ParseOutput(string output, out string problem)
    {
        try
        {
            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            var accessToken = Json.GetString(root, "access_token");
            if (string.IsNullOrEmpty(accessToken))
            {
                problem = "no access_token";
                return null;
            }

            var tokenType = Json.GetString(root, "token_type");
            DateTimeOffset? expiry = null;
            if (root.TryGetProperty("expiry", out var expiryValue) && expiryValue.ValueKind == JsonValueKind.String)
            {
                expiry = ParseExpiry(expiryValue.GetString()!);
                if (expiry is null)
                {
                    problem = "the expiry is not a date";
                    return null;
                }
            }

            problem = string.Empty;
            return new OAuthToken(accessToken, tokenType, expiry);
        }
        catch (JsonException)
        {
            problem = "not JSON";
            return null;
        }
    }

    internal static DateTimeOffset? ParseExpiry(string text)
    {
        // .NET reads at most 7 fraction digits; Go prints nanoseconds (9).
        var trimmed = ExtraFractionDigits().Replace(text.Trim(), "$1");
        if (DateTimeOffset.TryParseExact(trimmed, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var legacy))
        {
            return legacy;
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
    }

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex ExtraFractionDigits();

    /// <summary>A CLI failure that also carries the raw stderr, so the chain can recognise "not configured".</summary>
    internal sealed class CliFailedException : VolSyncException
    {
        public CliFailedException(VolSyncException inner, string standardError)
            : base(inner.Code, inner.Message)
        {
            StandardError = standardError;
        }

        public string StandardError { get; }
    }
}
