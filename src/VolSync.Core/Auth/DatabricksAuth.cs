using VolSync.Auth.Azure;
using VolSync.Auth.Configuration;
using VolSync.Auth.Providers;
using VolSync.Diagnostics;

namespace VolSync.Auth;

/// <summary>
/// Databricks unified authentication, with the SDKs' precedence: explicit settings, then environment variables,
/// then one <c>~/.databrickscfg</c> profile; then the first provider whose inputs are present, unless an auth type
/// names exactly one. The chain: configured secrets and switches first (pat, oauth-m2m, and on Azure hosts azure-msi
/// and azure-client-secret), then logins and ambient identities (databricks-cli, github-oidc, and on Azure hosts
/// github-oidc-azure and azure-cli).
/// </summary>
public static class DatabricksAuth
{
    private const string Pat = "pat";
    private const string OAuthM2M = "oauth-m2m";
    private const string DatabricksCli = "databricks-cli";
    private const string GitHubOidc = "github-oidc";
    private const string AzureClientSecret = "azure-client-secret";
    private const string AzureCli = "azure-cli";
    private const string AzureMsi = "azure-msi";
    private const string GitHubOidcAzure = "github-oidc-azure";

    /// <summary>The auth type names <see cref="AuthSettings.AuthType"/> and <c>DATABRICKS_AUTH_TYPE</c> accept, in chain order.</summary>
    public static IReadOnlyList<string> AuthTypes { get; } = [Pat, OAuthM2M, AzureMsi, AzureClientSecret, DatabricksCli, GitHubOidc, GitHubOidcAzure, AzureCli];

    /// <summary>
    /// The environment variables that hold credentials and are set (non-empty), in a stable order: what a tool that
    /// records the environment (MSBuild's <c>MSBUILDLOGALLENVIRONMENTVARIABLES</c>) would capture. Names only.
    /// </summary>
    public static IReadOnlyList<string> SecretEnvironmentVariablesSet(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return [.. AuthAttribute.All.Where(a => a.IsSecret && !string.IsNullOrWhiteSpace(environment(a.EnvironmentVariable))).Select(a => a.EnvironmentVariable)];
    }

    /// <summary>
    /// Resolves host and credentials. Throws a coded <see cref="VolSyncException"/> (VOLSYNC1xxx/2xxx)
    /// that lists what was looked at when nothing usable is configured, a profile is missing or two methods conflict.
    /// With the databricks CLI or the Azure CLI it fetches a token once, so a CLI that is not logged in fails here.
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

        ThrowIfSecretsConflict(context);
        if (config.Has(AuthAttribute.Token))
        {
            return CreatePat(context, "a token is set in " + config.SourceOf(AuthAttribute.Token)!.Describe());
        }

        if (config.Has(AuthAttribute.ClientSecret))
        {
            return CreateOAuthM2M(context, "a client secret is set in " + config.SourceOf(AuthAttribute.ClientSecret)!.Describe());
        }

        var azure = IsAzure(context);
        if (azure && IsTrue(config[AuthAttribute.AzureUseMsi]))
        {
            return CreateAzureMsi(context, "ARM_USE_MSI is set in " + config.SourceOf(AuthAttribute.AzureUseMsi)!.Describe());
        }

        if (azure && config.Has(AuthAttribute.AzureClientSecret) && config.Has(AuthAttribute.AzureClientId))
        {
            return CreateAzureClientSecret(context, "an Azure client secret is set in " + config.SourceOf(AuthAttribute.AzureClientSecret)!.Describe());
        }

        var actions = config.Has(AuthAttribute.ActionsIdTokenRequestUrl) && config.Has(AuthAttribute.ActionsIdTokenRequestToken);
        var githubOidc = actions && config.Has(AuthAttribute.ClientId);
        var githubOidcAzure = azure && actions && config.Has(AuthAttribute.AzureClientId);
        string? azPath = null;
        if (azure)
        {
            azPath = AzureCliLocator.Find(environment, out var azLookedAt);
            lookup.AzureCli = azLookedAt;
        }

        if (config[AuthAttribute.Host] is not null)
        {
            var cli = await TryDatabricksCliAsync(context, probeFailureIsFatal: !githubOidc && !githubOidcAzure && azPath is null, cancellationToken).ConfigureAwait(false);
            if (cli is not null)
            {
                return cli;
            }
        }

        if (githubOidc)
        {
            return CreateGitHubOidc(context, "GitHub Actions OIDC variables and a client id are set");
        }

        if (githubOidcAzure)
        {
            return CreateAzureGitHubOidc(context, "GitHub Actions OIDC variables and an Azure client id are set");
        }

        if (azPath is not null)
        {
            var cli = await TryAzureCliAsync(context, azPath, "the host is an Azure Databricks workspace and 'az' is installed", probeFailureIsFatal: false, cancellationToken).ConfigureAwait(false);
            if (cli is not null)
            {
                return cli;
            }
        }

        if (!azure && s_azureAttributes.Any(config.Has) && config[AuthAttribute.Host] is { } host)
        {
            lookup.Azure = $"ARM_*/Azure settings are set, but {Redaction.RedactUserInfo(host)} is not an Azure Databricks host (*.azuredatabricks.net, *.databricks.azure.us, *.databricks.azure.cn), so the Azure methods were not tried: set DATABRICKS_AUTH_TYPE to use one";
        }

        if (config[AuthAttribute.Host] is null && s_credentialAttributes.FirstOrDefault(config.Has) is { } credential)
        {
            throw DiagnosticCodes.AuthHostMissing.ToException($"{credential.Name} from {config.SourceOf(credential)!.Describe()}", lookup.Describe());
        }

        throw DiagnosticCodes.AuthNotConfigured.ToException(lookup.Describe());
    }

    /// <summary>Settings that only mean something to the Azure methods: on another host they say why those were not tried.</summary>
    private static readonly AuthAttribute[] s_azureAttributes =
        [AuthAttribute.AzureClientId, AuthAttribute.AzureClientSecret, AuthAttribute.AzureTenantId, AuthAttribute.AzureUseMsi];

    /// <summary>Inputs of some method that are useless without a host, for the "no host" error.</summary>
    private static readonly AuthAttribute[] s_credentialAttributes =
        [AuthAttribute.ClientId, AuthAttribute.ActionsIdTokenRequestUrl, AuthAttribute.AzureClientId, AuthAttribute.AzureClientSecret, AuthAttribute.AzureUseMsi, AuthAttribute.AzureResourceId];

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
            case AzureClientSecret:
                return CreateAzureClientSecret(context, origin);
            case AzureMsi:
                return CreateAzureMsi(context, origin);
            case GitHubOidcAzure:
                return CreateAzureGitHubOidc(context, origin);
            case AzureCli:
                RequireHost(context, authType, origin);
                var azPath = AzureCliLocator.Find(context.Environment, out var lookedAt);
                context.Lookup.AzureCli = lookedAt;
                return azPath is null
                    ? throw DiagnosticCodes.AuthTypeIncomplete.ToException(authType, origin, "the Azure CLI ('az') was not found on PATH (install it: https://learn.microsoft.com/cli/azure/install-azure-cli, then run 'az login')", context.Lookup.Describe())
                    : (await TryAzureCliAsync(context, azPath, origin, probeFailureIsFatal: true, cancellationToken).ConfigureAwait(false))!;
            default:
                throw DiagnosticCodes.AuthTypeUnknown.ToException(authType, origin, string.Join(", ", AuthTypes));
        }
    }

    /// <summary>Two configured secrets of different methods without an auth type: the SDKs refuse to guess, and so do we.</summary>
    private static void ThrowIfSecretsConflict(ResolutionContext context)
    {
        var config = context.Config;
        (AuthAttribute Secret, string Method, string What)[] secrets =
        [
            (AuthAttribute.Token, Pat, "token"),
            (AuthAttribute.ClientSecret, OAuthM2M, "client secret"),
            (AuthAttribute.AzureClientSecret, AzureClientSecret, "Azure client secret"),
        ];
        var set = secrets.Where(s => config.Has(s.Secret)).ToList();
        if (set.Count > 1)
        {
            throw DiagnosticCodes.AuthConflict.ToException(
                string.Join(" and ", set.Select(s => $"{s.Method} ({s.What} from {config.SourceOf(s.Secret)!.Describe()})")) + "; set DATABRICKS_AUTH_TYPE",
                context.Lookup.Describe());
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
            context.Http, context.Settings.Logger, context.Time);
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
        var idTokens = CreateGitHubIdTokenClient(context, GitHubOidc, reason);
        var source = config.SourceOf(AuthAttribute.ClientId)!;
        var credentials = new GitHubOidcCredentials(
            host, config[AuthAttribute.ClientId]!, idTokens, config[AuthAttribute.TokenAudience], source.Describe(), context.Http, context.Settings.Logger, context.Time);
        return new ResolvedAuth(host, credentials, "GitHub Actions OIDC (" + source.DescribeWithPath() + ")");
    }

    private static ResolvedAuth CreateAzureClientSecret(ResolutionContext context, string reason)
    {
        var config = context.Config;
        Require(
            context, AzureClientSecret, reason,
            (AuthAttribute.AzureClientId, "no Azure client id (ARM_CLIENT_ID or 'azure_client_id' in the profile)"),
            (AuthAttribute.AzureClientSecret, "no Azure client secret (ARM_CLIENT_SECRET or 'azure_client_secret' in the profile)"));
        var azure = CreateAzureContext(context, AzureClientSecret, reason);
        var source = config.SourceOf(AuthAttribute.AzureClientSecret)!;
        var tokens = new AzureClientSecretTokenSource(azure, config[AuthAttribute.AzureClientId]!, config[AuthAttribute.AzureClientSecret]!, source.Describe(), EntraTokens(context));
        return new ResolvedAuth(azure.Host, new AzureCredentials(tokens, azure, context.Settings.Logger, context.Time), source.DescribeWithPath());
    }

    private static ResolvedAuth CreateAzureGitHubOidc(ResolutionContext context, string reason)
    {
        var config = context.Config;
        Require(
            context, GitHubOidcAzure, reason,
            (AuthAttribute.AzureClientId, "no Azure client id (ARM_CLIENT_ID) of the app registration with the federated credential"),
            (AuthAttribute.ActionsIdTokenRequestUrl, "ACTIONS_ID_TOKEN_REQUEST_URL is not set (give the job 'permissions: id-token: write')"),
            (AuthAttribute.ActionsIdTokenRequestToken, "ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set (give the job 'permissions: id-token: write')"));
        var azure = CreateAzureContext(context, GitHubOidcAzure, reason);
        var idTokens = CreateGitHubIdTokenClient(context, GitHubOidcAzure, reason);
        var source = config.SourceOf(AuthAttribute.AzureClientId)!;
        var tokens = new AzureGitHubOidcTokenSource(azure, config[AuthAttribute.AzureClientId]!, idTokens, source.Describe(), EntraTokens(context));
        return new ResolvedAuth(azure.Host, new AzureCredentials(tokens, azure, context.Settings.Logger, context.Time), "GitHub Actions OIDC to Microsoft Entra ID (" + source.DescribeWithPath() + ")");
    }

    private static ResolvedAuth CreateAzureMsi(ResolutionContext context, string reason)
    {
        var config = context.Config;
        var azure = CreateAzureContext(context, AzureMsi, reason);
        AzureMsiTokenSource tokens;
        var managed = new TokenClient(context.Http, Logger(context), NowOf(context), DiagnosticCodes.AzureMsiRequestFailed, DiagnosticCodes.AzureMsiResponseInvalid);
        var clientId = config[AuthAttribute.AzureClientId];
        var clientIdOrigin = config.SourceOf(AuthAttribute.AzureClientId)?.Describe();
        string source;
        if (config[AuthAttribute.IdentityEndpoint] is { } identityEndpoint && config[AuthAttribute.IdentityHeader] is { } identityHeader)
        {
            var endpoint = ParseEndpoint(identityEndpoint, AuthAttribute.IdentityEndpoint.EnvironmentVariable);
            AzureMsiTokenSource.EnsureLocal(endpoint, AuthAttribute.IdentityEndpoint.EnvironmentVariable);
            tokens = new AzureMsiTokenSource(endpoint, identityHeader, clientId, clientIdOrigin, managed);
            source = "App Service managed identity (IDENTITY_ENDPOINT)";
        }
        else
        {
            var imds = config[AuthAttribute.ImdsHost] is { } configured ? ParseEndpoint(configured, AuthAttribute.ImdsHost.EnvironmentVariable) : AzureMsiTokenSource.DefaultImdsHost;
            AzureMsiTokenSource.EnsureLocal(imds, config.Has(AuthAttribute.ImdsHost) ? AuthAttribute.ImdsHost.EnvironmentVariable : "the default instance metadata service");
            tokens = new AzureMsiTokenSource(imds, identityHeader: null, clientId, clientIdOrigin, managed);
            source = $"managed identity through the instance metadata service ({Redaction.Url(imds)})";
        }

        return new ResolvedAuth(azure.Host, new AzureCredentials(tokens, azure, context.Settings.Logger, context.Time), source);
    }

    /// <returns>The Azure CLI's credentials, or null when (in the chain) it has no usable login.</returns>
    private static async Task<ResolvedAuth?> TryAzureCliAsync(ResolutionContext context, string azPath, string reason, bool probeFailureIsFatal, CancellationToken cancellationToken)
    {
        var azure = CreateAzureContext(context, AzureCli, reason);
        var credentials = new AzureCredentials(new AzureCliTokenSource(azPath, azure.Tenant, Logger(context)), azure, context.Settings.Logger, context.Time);
        try
        {
            // As the SDKs do: fetch once now, so a CLI that is not logged in is found before the first request.
            await credentials.GetAuthorizationHeaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (VolSyncException ex) when (!probeFailureIsFatal)
        {
            context.Lookup.AzureCli = $"found at {azPath}; it gave no token ({ex.Code})";
            return null;
        }

        return new ResolvedAuth(azure.Host, credentials, $"Azure CLI at {azPath}");
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

    /// <summary>Azure Databricks: a host in one of the Azure DNS zones, or a workspace resource id, as the SDKs decide.</summary>
    private static bool IsAzure(ResolutionContext context)
    {
        if (context.Config.Has(AuthAttribute.AzureResourceId))
        {
            return true;
        }

        return context.Config[AuthAttribute.Host] is { } host && AzureHosts.IsAzure(DatabricksHost.Normalize(host));
    }

    private static AzureContext CreateAzureContext(ResolutionContext context, string authType, string reason)
    {
        var config = context.Config;
        var host = RequireHost(context, authType, reason);
        var known = AzureHosts.Lookup(host);
        var cloud = known?.Cloud ?? AzureCloud.Public;
        if (known is null && config[AuthAttribute.AzureEnvironment] is { } name)
        {
            cloud = AzureCloud.Parse(name) ?? throw DiagnosticCodes.AzureEnvironmentUnknown.ToException(name, config.SourceOf(AuthAttribute.AzureEnvironment)!.Describe());
        }

        var authority = cloud.AuthorityHost;
        if (config[AuthAttribute.AzureAuthorityHost] is { } configured)
        {
            authority = ParseEndpoint(configured, AuthAttribute.AzureAuthorityHost.EnvironmentVariable);
            OAuthEndpoint.EnsureSecure(authority, "Microsoft Entra ID authority (AZURE_AUTHORITY_HOST)");
        }

        var tenant = config[AuthAttribute.AzureTenantId];
        if (tenant is not null && !AzureTenant.IsValid(tenant))
        {
            throw DiagnosticCodes.AzureTenantInvalid.ToException(tenant, config.SourceOf(AuthAttribute.AzureTenantId)!.Describe());
        }

        return new AzureContext(
            host, cloud, known?.ApplicationId ?? AzureHosts.DatabricksApplicationId, authority, config[AuthAttribute.AzureResourceId],
            new AzureTenant(tenant, host, context.Http, Logger(context)));
    }

    private static GitHubIdTokenClient CreateGitHubIdTokenClient(ResolutionContext context, string authType, string reason)
    {
        if (!Uri.TryCreate(context.Config[AuthAttribute.ActionsIdTokenRequestUrl], UriKind.Absolute, out var idTokenUrl))
        {
            throw DiagnosticCodes.AuthTypeIncomplete.ToException(authType, reason, "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL", context.Lookup.Describe());
        }

        return new GitHubIdTokenClient(idTokenUrl, context.Config[AuthAttribute.ActionsIdTokenRequestToken]!, context.Http, Logger(context));
    }

    private static Uri ParseEndpoint(string value, string variable) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw DiagnosticCodes.AuthEndpointNotAUrl.ToException(variable, Redaction.RedactUserInfo(value));

    private static TokenClient EntraTokens(ResolutionContext context) =>
        new(context.Http, Logger(context), NowOf(context), DiagnosticCodes.AzureTokenRequestFailed, DiagnosticCodes.AzureTokenResponseInvalid);

    private static ISyncLogger Logger(ResolutionContext context) => context.Settings.Logger ?? NullSyncLogger.Instance;

    private static Func<DateTimeOffset> NowOf(ResolutionContext context)
    {
        var time = context.Time ?? TimeProvider.System;
        return time.GetUtcNow;
    }

    /// <summary>The SDKs read booleans like Go's strconv.ParseBool.</summary>
    private static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("t", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));

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
        private HttpClient? _http;

        /// <summary>One auth HttpClient per resolution, shared by the providers and the lookups it needs.</summary>
        public HttpClient Http => _http ??= AuthHttp.Create(Settings.HttpHandler);

        public override string ToString() => Config.ToString();
    }
}
