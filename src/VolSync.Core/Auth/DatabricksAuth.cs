using VolSync.Auth.Configuration;
using VolSync.Auth.Providers;
using VolSync.Diagnostics;

namespace VolSync.Auth;

/// <summary>
/// Databricks unified authentication, with the SDKs' precedence: explicit settings, then environment variables,
/// then one <c>~/.databrickscfg</c> profile; then the first provider whose inputs are present, in the order
/// pat, oauth-m2m, databricks-cli, github-oidc, unless an auth type names exactly one.
/// </summary>
public static class DatabricksAuth
{
    /// <summary>The auth type names <see cref="AuthSettings.AuthType"/> and <c>DATABRICKS_AUTH_TYPE</c> accept.</summary>
    public static IReadOnlyList<string> AuthTypes { get; } = [Pat, OAuthM2M, DatabricksCli, GitHubOidc];

    /// <summary>
    /// The environment variables that hold credentials and are set (non-empty), in a stable order: what a tool that
    /// records the environment (MSBuild's <c>MSBUILDLOGALLENVIRONMENTVARIABLES</c>) would capture. Names only.
    /// </summary>
    public static IReadOnlyList<string> SecretEnvironmentVariablesSet(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return [.. AuthAttribute.All.Where(a => a.IsSecret && !string.IsNullOrWhiteSpace(environment(a.EnvironmentVariable))).Select(a => a.EnvironmentVariable)];
    }

    private const string Pat = "pat";
    private const string OAuthM2M = "oauth-m2m";
    private const string DatabricksCli = "databricks-cli";
    private const string GitHubOidc = "github-oidc";

    /// <summary>
    /// Resolves host and credentials. Throws a coded <see cref="VolSyncException"/> (VOLSYNC1xxx/2xxx)
    /// that lists what was looked at when nothing usable is configured, a profile is missing or two methods conflict.
    /// With the databricks CLI it runs <c>databricks auth token</c> once, so a CLI that is not logged in fails here.
    /// </summary>
    public static Task<ResolvedAuth> ResolveAsync(AuthSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ResolveAsync(settings, time: null, cancellationToken);
    }

    internal static async Task<ResolvedAuth> ResolveAsync(AuthSettings settings, TimeProvider? time, CancellationToken cancellationToken)
    {
        var environment = settings.GetEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        var (config, lookup) = AuthConfigLoader.Load(settings, environment);
        var context = new ResolutionContext(settings, config, lookup, environment, time);

        if (config[AuthAttribute.AuthType] is { } authType)
        {
            return await ResolveSelectedAsync(context, authType.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
        }

        var hasToken = config.Has(AuthAttribute.Token);
        var hasSecret = config.Has(AuthAttribute.ClientSecret);
        if (hasToken && hasSecret)
        {
            throw DiagnosticCodes.AuthConflict.ToException(
                $"{Pat} (token from {config.SourceOf(AuthAttribute.Token)!.Describe()}) and {OAuthM2M} (client secret from {config.SourceOf(AuthAttribute.ClientSecret)!.Describe()}); set DATABRICKS_AUTH_TYPE",
                lookup.Describe());
        }

        if (hasToken)
        {
            return CreatePat(context, "a token is set in " + config.SourceOf(AuthAttribute.Token)!.Describe());
        }

        if (hasSecret)
        {
            return CreateOAuthM2M(context, "a client secret is set in " + config.SourceOf(AuthAttribute.ClientSecret)!.Describe());
        }

        var githubOidc = config.Has(AuthAttribute.ActionsIdTokenRequestUrl) && config.Has(AuthAttribute.ActionsIdTokenRequestToken) && config.Has(AuthAttribute.ClientId);
        if (config[AuthAttribute.Host] is not null)
        {
            var cli = await TryDatabricksCliAsync(context, probeFailureIsFatal: !githubOidc, cancellationToken).ConfigureAwait(false);
            if (cli is not null)
            {
                return cli;
            }
        }

        if (githubOidc)
        {
            return CreateGitHubOidc(context, "GitHub Actions OIDC variables and a client id are set");
        }

        if (config[AuthAttribute.Host] is null && (config.Has(AuthAttribute.ClientId) || config.Has(AuthAttribute.ActionsIdTokenRequestUrl)))
        {
            throw DiagnosticCodes.AuthHostMissing.ToException("client id from " + (config.SourceOf(AuthAttribute.ClientId)?.Describe() ?? "nowhere"), lookup.Describe());
        }

        throw DiagnosticCodes.AuthNotConfigured.ToException(lookup.Describe());
    }

    private static async Task<ResolvedAuth> ResolveSelectedAsync(ResolutionContext context, string authType, CancellationToken cancellationToken)
    {
        var origin = context.Config.SourceOf(AuthAttribute.AuthType)!.Describe();
        switch (authType)
        {
            case Pat:
                return CreatePat(context, origin);
            case OAuthM2M:
                return CreateOAuthM2M(context, origin);
            case GitHubOidc:
                return CreateGitHubOidc(context, origin);
            case DatabricksCli:
                RequireHost(context, authType, origin);
                return await TryDatabricksCliAsync(context, probeFailureIsFatal: true, cancellationToken).ConfigureAwait(false)
                    ?? throw DiagnosticCodes.AuthTypeIncomplete.ToException(authType, origin, "no databricks CLI was found (" + context.Lookup.DatabricksCli + ")", context.Lookup.Describe());
            default:
                throw DiagnosticCodes.AuthTypeUnknown.ToException(authType, origin);
        }
    }

    private static ResolvedAuth CreatePat(ResolutionContext context, string reason)
    {
        var config = context.Config;
        Require(context, Pat, reason, (AuthAttribute.Token, "no token (DATABRICKS_TOKEN or 'token' in the profile)"));
        var host = RequireHost(context, Pat, reason);
        var source = config.SourceOf(AuthAttribute.Token)!;
        return new ResolvedAuth(host, new PatCredentials(config[AuthAttribute.Token]!, "personal access token from " + source.Describe()), source.DescribeWithPath());
    }

    private static ResolvedAuth CreateOAuthM2M(ResolutionContext context, string reason)
    {
        var config = context.Config;
        Require(
            context, OAuthM2M, reason,
            (AuthAttribute.ClientId, "no client id (DATABRICKS_CLIENT_ID or 'client_id' in the profile)"),
            (AuthAttribute.ClientSecret, "no client secret (DATABRICKS_CLIENT_SECRET or 'client_secret' in the profile)"));
        var host = RequireHost(context, OAuthM2M, reason);
        var source = config.SourceOf(AuthAttribute.ClientSecret)!;
        var credentials = new OAuthM2MCredentials(
            host, config[AuthAttribute.ClientId]!, config[AuthAttribute.ClientSecret]!, source.Describe(),
            AuthHttp.Create(context.Settings.HttpHandler), context.Settings.Logger, context.Time);
        return new ResolvedAuth(host, credentials, source.DescribeWithPath());
    }

    private static ResolvedAuth CreateGitHubOidc(ResolutionContext context, string reason)
    {
        var config = context.Config;
        Require(
            context, GitHubOidc, reason,
            (AuthAttribute.ClientId, "no client id (DATABRICKS_CLIENT_ID) of the federated service principal"),
            (AuthAttribute.ActionsIdTokenRequestUrl, "ACTIONS_ID_TOKEN_REQUEST_URL is not set (give the job 'permissions: id-token: write')"),
            (AuthAttribute.ActionsIdTokenRequestToken, "ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set (give the job 'permissions: id-token: write')"));
        var host = RequireHost(context, GitHubOidc, reason);
        if (!Uri.TryCreate(config[AuthAttribute.ActionsIdTokenRequestUrl], UriKind.Absolute, out var idTokenUrl))
        {
            throw DiagnosticCodes.AuthTypeIncomplete.ToException(GitHubOidc, reason, "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL", context.Lookup.Describe());
        }

        var source = config.SourceOf(AuthAttribute.ClientId)!;
        var credentials = new GitHubOidcCredentials(
            host, config[AuthAttribute.ClientId]!, idTokenUrl, config[AuthAttribute.ActionsIdTokenRequestToken]!,
            config[AuthAttribute.TokenAudience], source.Describe(), AuthHttp.Create(context.Settings.HttpHandler), context.Settings.Logger, context.Time);
        return new ResolvedAuth(host, credentials, "GitHub Actions OIDC (" + source.DescribeWithPath() + ")");
    }

    /// <returns>The CLI's credentials, or null when no CLI is installed or (in the chain) it says it has no login for this host.</returns>
    private static async Task<ResolvedAuth?> TryDatabricksCliAsync(ResolutionContext context, bool probeFailureIsFatal, CancellationToken cancellationToken)
    {
        var config = context.Config;
        var cliPath = DatabricksCliLocator.Find(config[AuthAttribute.CliPath], context.Environment, out var lookedAt);
        context.Lookup.DatabricksCli = lookedAt;
        if (cliPath is null)
        {
            return null;
        }

        var host = DatabricksHost.Normalize(config[AuthAttribute.Host]!);
        var profile = config[AuthAttribute.Profile];
        var credentials = new DatabricksCliCredentials(cliPath, host, profile, context.Settings.Logger, context.Time);
        try
        {
            // The chain only picks the CLI if it actually has a token for us, as the Go SDK does.
            await credentials.GetAuthorizationHeaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DatabricksCliCredentials.CliFailedException ex) when (!probeFailureIsFatal || ex.StandardError.Contains("databricks OAuth is not configured", StringComparison.OrdinalIgnoreCase))
        {
            context.Lookup.DatabricksCli = $"{lookedAt}; '{credentials.CommandLine}' failed";
            if (probeFailureIsFatal && config[AuthAttribute.AuthType] is not null)
            {
                throw;
            }

            return null;
        }

        var source = profile is null ? $"databricks CLI at {cliPath}" : $"databricks CLI at {cliPath} (profile '{profile}')";
        return new ResolvedAuth(host, credentials, source);
    }

    private static void Require(ResolutionContext context, string authType, string reason, params (AuthAttribute Attribute, string Missing)[] required)
    {
        var missing = required.Where(r => !context.Config.Has(r.Attribute)).Select(r => r.Missing).ToList();
        if (missing.Count > 0)
        {
            throw DiagnosticCodes.AuthTypeIncomplete.ToException(authType, reason, string.Join(" and ", missing), context.Lookup.Describe());
        }
    }

    private static Uri RequireHost(ResolutionContext context, string authType, string reason)
    {
        var host = context.Config[AuthAttribute.Host];
        if (host is null)
        {
            throw DiagnosticCodes.AuthHostMissing.ToException($"{authType}, because {reason}", context.Lookup.Describe());
        }

        return DatabricksHost.Normalize(host);
    }

    private sealed record ResolutionContext(
        AuthSettings Settings, AuthConfig Config, AuthLookup Lookup, Func<string, string?> Environment, TimeProvider? Time)
    {
        public override string ToString() => Config.ToString();
    }
}
