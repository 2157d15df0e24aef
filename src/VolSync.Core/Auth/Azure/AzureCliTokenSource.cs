using System.Globalization;
using System.Text.Json;
using VolSync.Auth.Providers;
using VolSync.Diagnostics;
using VolSync.Remote.Databricks;

namespace VolSync.Auth.Azure;

/// <summary>
/// <c>azure-cli</c>: tokens of the Azure CLI's own login (<c>az login</c>, or the <c>AzureCLI@2</c> task of Azure
/// Pipelines) from <c>az account get-access-token --resource &lt;id&gt; --output json</c>, with <c>--tenant</c> when the
/// workspace's tenant is known. Re-run when the token nears its expiry.
/// </summary>
internal sealed class AzureCliTokenSource : AzureTokenSource
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(1);

    private readonly string _azPath;
    private readonly AzureTenant _tenant;
    private readonly ISyncLogger _logger;

    public AzureCliTokenSource(string azPath, AzureTenant tenant, ISyncLogger logger)
    {
        _azPath = azPath;
        _tenant = tenant;
        _logger = logger;
        Identity = $"Azure CLI login (az at {azPath})";
    }

    public override string AuthType => "azure-cli";

    public override string Identity { get; }

    public override bool ManagementTokenOptional => true;

    public override async Task<OAuthToken> GetTokenAsync(string resource, CancellationToken cancellationToken)
    {
        string[] arguments = ["account", "get-access-token", "--resource", resource, "--output", "json"];
        var tenant = await _tenant.TryGetAsync(cancellationToken).ConfigureAwait(false);
        CredentialProcess.Result result;
        if (tenant is null)
        {
            result = await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await RunAsync([.. arguments, "--tenant", tenant], cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0 && !IsNotLoggedIn(result))
            {
                // A managed-identity or federated login refuses --tenant, as the SDKs found: ask for its own tenant.
                _logger.Log(SyncLogLevel.Debug, "auth: retrying az without --tenant");
                result = await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
            }
        }

        var commandLine = CommandLine(arguments);
        if (result.ExitCode != 0)
        {
            var message = result.StandardError.Trim();
            var shown = message.Length == 0 ? "(no error output)." : AuthHttp.Truncate(message);
            throw IsNotLoggedIn(result)
                ? DiagnosticCodes.AzureCliNotLoggedIn.ToException(commandLine, shown)
                : DiagnosticCodes.AzureCliFailed.ToException(commandLine, result.ExitCode, shown);
        }

        var token = ParseOutput(result.StandardOutput, out var problem)
            ?? throw DiagnosticCodes.AzureCliOutputInvalid.ToException(commandLine, problem);
        _logger.Log(SyncLogLevel.Debug, $"auth: new {token} for {Identity}");
        return token;
    }

    private async Task<CredentialProcess.Result> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var commandLine = CommandLine(arguments);
        try
        {
            var result = await CredentialProcess.RunAsync(_azPath, arguments, s_timeout, cancellationToken).ConfigureAwait(false);
            _logger.Log(SyncLogLevel.Debug, string.Create(CultureInfo.InvariantCulture, $"auth: {commandLine} -> exit {result.ExitCode} in {result.Elapsed.TotalMilliseconds:F0} ms"));
            return result;
        }
        catch (CredentialProcess.CouldNotStartException ex)
        {
            throw DiagnosticCodes.AzureCliNotStarted.ToException(ex.InnerException!, _azPath, ex.Message);
        }
        catch (TimeoutException)
        {
            throw DiagnosticCodes.AzureCliTimedOut.ToException(commandLine, (int)s_timeout.TotalSeconds);
        }
    }

    private static string CommandLine(IEnumerable<string> arguments) => "az " + string.Join(' ', arguments);

    /// <summary>"Please run 'az login' to setup account." and the expired-refresh-token variants all point at <c>az login</c>.</summary>
    private static bool IsNotLoggedIn(CredentialProcess.Result result) =>
        result.StandardError.Contains("az login", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads <c>{"accessToken","tokenType","expires_on","expiresOn"}</c>: <c>expires_on</c> (Unix seconds, Azure CLI
    /// 2.54 and later) wins over <c>expiresOn</c> (local time, <c>yyyy-MM-dd HH:mm:ss.ffffff</c>).
    /// </summary>
    internal static OAuthToken? ParseOutput(string output, out string problem)
    {
        try
        {
            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            var accessToken = Json.GetString(root, "accessToken");
            if (string.IsNullOrEmpty(accessToken))
            {
                problem = "no accessToken";
                return null;
            }

            var tokenType = Json.GetString(root, "tokenType");
            DateTimeOffset? expiry = null;
            if (root.TryGetProperty("expires_on", out var unix) && unix.ValueKind == JsonValueKind.Number && unix.TryGetInt64(out var seconds))
            {
                expiry = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
            else if (root.TryGetProperty("expiresOn", out var local) && local.ValueKind == JsonValueKind.String)
            {
                expiry = ParseLocalExpiry(local.GetString()!);
                if (expiry is null)
                {
                    problem = "the expiresOn is not a date";
                    return null;
                }
            }
            else
            {
                problem = "no expires_on or expiresOn";
                return null;
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

    private static DateTimeOffset? ParseLocalExpiry(string text) =>
        DateTimeOffset.TryParseExact(text.Trim(), ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var value)
            ? value
            : null;
}
