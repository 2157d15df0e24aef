using System.Security.Cryptography;
using System.Text;
using VolSync.Emulator.Auth;
using VolSync.Emulator.Hosting;

namespace VolSync.Emulator.Endpoints;

/// <summary>
/// Discovery documents, the OAuth token endpoint (client_credentials and GitHub OIDC token exchange) and a
/// stand-in for GitHub Actions' ID-token endpoint. These are never subject to fault injection.
/// </summary>
internal static class OAuthEndpoints
{
    public const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string JwtTokenType = "urn:ietf:params:oauth:token-type:jwt";

    private static readonly string[] s_grantTypes = ["client_credentials", TokenExchangeGrant];
    private static readonly string[] s_authMethods = ["client_secret_basic", "client_secret_post"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/oidc/.well-known/oauth-authorization-server", (HttpContext c) => DiscoveryAsync(c));

        app.MapGet("/.well-known/databricks-config", (HttpContext c) => EmulatorJson.WriteAsync(c, new
        {
            oidc_endpoint = Base(c) + "/oidc",
            workspace_id = c.RequestServices.GetRequiredService<EmulatorOptions>().WorkspaceId,
            host_type = "workspace",
        }));

        app.MapPost("/oidc/v1/token", (HttpContext c) => TokenAsync(c));
        app.MapGet("/github-actions/id-token", (HttpContext c) => GitHubIdTokenAsync(c));
    }

    private static string Base(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static Task DiscoveryAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        if (options.DiscoveryRedirectTo is { } redirect)
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = redirect;
            return Task.CompletedTask;
        }

        return EmulatorJson.WriteAsync(context, new
        {
            issuer = Base(context) + "/oidc",
            authorization_endpoint = Base(context) + "/oidc/v1/authorize",
            token_endpoint = options.AdvertisedTokenEndpoint ?? Base(context) + "/oidc/v1/token",
            grant_types_supported = s_grantTypes,
            token_endpoint_auth_methods_supported = s_authMethods,
        });
    }

    private static async Task TokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Expected an application/x-www-form-urlencoded body.").ConfigureAwait(false);
            return;
        }

        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        if (options.TokenEndpointRedirectTo is { } redirect)
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = redirect;
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var issuer = context.RequestServices.GetRequiredService<TokenIssuer>();
        var grant = form["grant_type"].ToString();

        if (grant == "client_credentials")
        {
            var (clientId, secret) = ClientCredentials(context, form);
            if (clientId is null || secret is null)
            {
                await OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed: send client_id and client_secret with HTTP Basic.").ConfigureAwait(false);
                return;
            }

            if (options.OAuthClients.Count > 0 &&
                !IsKnownClient(options, clientId, secret))
            {
                await OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.").ConfigureAwait(false);
                return;
            }
        }
        else if (grant == TokenExchangeGrant)
        {
            var subject = form["subject_token"].ToString();
            var subjectType = form["subject_token_type"].ToString();
            var clientId = form["client_id"].ToString();
            if (subjectType != JwtTokenType)
            {
                await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", $"subject_token_type must be {JwtTokenType}.").ConfigureAwait(false);
                return;
            }

            if (!issuer.IsGitHubIdToken(subject, out _))
            {
                await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "The subject_token is not a valid ID token from a trusted issuer.").ConfigureAwait(false);
                return;
            }

            if (options.OAuthClients.Count > 0 && !options.OAuthClients.ContainsKey(clientId))
            {
                await OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "No federation policy for this client_id.").ConfigureAwait(false);
                return;
            }
        }
        else
        {
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", $"Grant type '{grant}' is not supported.").ConfigureAwait(false);
            return;
        }

        var lifetime = options.TokenLifetime;
        await EmulatorJson.WriteAsync(context, new
        {
            access_token = issuer.IssueAccessToken(lifetime),
            token_type = "Bearer",
            expires_in = (long)Math.Ceiling(lifetime.TotalSeconds),
            scope = "all-apis",
        }).ConfigureAwait(false);
    }

    private static async Task GitHubIdTokenAsync(HttpContext context)
    {
        if (AuthMiddleware.BearerToken(context) is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await EmulatorJson.WriteAsync(context, new { message = "Bad credentials" }, StatusCodes.Status401Unauthorized).ConfigureAwait(false);
            return;
        }

        var audience = context.Request.Query["audience"].ToString();
        var issuer = context.RequestServices.GetRequiredService<TokenIssuer>();
        await EmulatorJson.WriteAsync(context, new { count = 1, value = issuer.IssueGitHubIdToken(audience) }).ConfigureAwait(false);
    }

    /// <summary>HTTP Basic first (what the SDKs send), then client_secret_post form fields.</summary>
    private static (string? ClientId, string? Secret) ClientCredentials(HttpContext context, IFormCollection form)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (decoded[..colon], decoded[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        var id = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        return id.Length > 0 && secret.Length > 0 ? (id, secret) : (null, null);
    }

    /// <summary>Some clients form-encode id and secret before Basic encoding (RFC 6749 §2.3.1), others do not; both are accepted.</summary>
    private static bool IsKnownClient(EmulatorOptions options, string clientId, string secret) =>
        (options.OAuthClients.TryGetValue(clientId, out var expected) && SecretEquals(secret, expected)) ||
        (options.OAuthClients.TryGetValue(Uri.UnescapeDataString(clientId), out var decoded) && SecretEquals(Uri.UnescapeDataString(secret), decoded));

    internal static bool SecretEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static Task OAuthErrorAsync(HttpContext context, int status, string error, string description) =>
        EmulatorJson.WriteAsync(context, new { error, error_description = CredentialEcho.Append(context, description) }, status);
}
