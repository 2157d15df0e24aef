using System.Globalization;
using System.Text;
using VolSync.Emulator.Auth;
using VolSync.Emulator.Hosting;

namespace VolSync.Emulator.Endpoints;

/// <summary>
/// A stand-in for Microsoft Entra ID on the emulator's own port: the v2.0 token endpoint of one tenant under
/// <c>/entra</c> (set <c>AZURE_AUTHORITY_HOST=&lt;base&gt;/entra</c>) with the client-credentials grant by secret or by
/// a federated GitHub assertion, and the Azure Databricks login redirect <c>/aad/auth</c> that names the tenant.
/// Tokens it issues are accepted by the API when they are for the Azure Databricks application.
/// </summary>
internal static class EntraEndpoints
{
    /// <summary>The Entra ID application that stands for Azure Databricks.</summary>
    public const string AzureDatabricksApplicationId = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

    /// <summary>The resource of service-management tokens (public cloud).</summary>
    public const string ManagementResource = "https://management.core.windows.net/";

    public const string FederatedAssertionAudience = "api://AzureADTokenExchange";
    public const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/entra/{tenant}/oauth2/v2.0/token", (HttpContext c, string tenant) => TokenAsync(c, tenant));
        app.MapGet("/aad/auth", (HttpContext c) =>
        {
            var options = c.RequestServices.GetRequiredService<EmulatorOptions>();
            var baseUrl = $"{c.Request.Scheme}://{c.Request.Host}";
            c.Response.StatusCode = StatusCodes.Status302Found;
            c.Response.Headers.Location = $"{baseUrl}/entra/{options.AzureTenantId}/oauth2/authorize?client_id={AzureDatabricksApplicationId}&response_type=code&redirect_uri={Uri.EscapeDataString(baseUrl + "/aad/redirect")}";
            return Task.CompletedTask;
        });
    }

    /// <summary>The resources tokens can be issued for: the API accepts the first, the second is the management token.</summary>
    public static bool IsKnownResource(string resource) => resource is AzureDatabricksApplicationId or ManagementResource;

    private static async Task TokenAsync(HttpContext context, string tenant)
    {
        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        var issuer = context.RequestServices.GetRequiredService<TokenIssuer>();
        if (!string.Equals(tenant, options.AzureTenantId, StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.").ConfigureAwait(false);
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form["grant_type"].ToString() != "client_credentials")
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{form["grant_type"]}'.").ConfigureAwait(false);
            return;
        }

        var (clientId, secret) = ClientCredentials(context, form);
        if (string.IsNullOrEmpty(clientId))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.").ConfigureAwait(false);
            return;
        }

        var scope = form["scope"].ToString();
        const string suffix = "/.default";
        var resource = scope.EndsWith(suffix, StringComparison.Ordinal) ? scope[..^suffix.Length] : string.Empty;
        if (!IsKnownResource(resource))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_scope", 500011, $"The resource principal named '{scope}' was not found in the tenant. Request '<resource>/.default'.").ConfigureAwait(false);
            return;
        }

        if (options.AzureClients.Count > 0 && !options.AzureClients.ContainsKey(clientId))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory.").ConfigureAwait(false);
            return;
        }

        if (form["client_assertion_type"].ToString() is { Length: > 0 } assertionType)
        {
            var assertion = form["client_assertion"].ToString();
            if (assertionType != JwtBearerAssertion || !issuer.IsGitHubIdToken(assertion, out var audience) || audience != FederatedAssertionAudience)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_client", 700212, $"No matching federated identity record found for presented assertion audience. The assertion must be a GitHub Actions ID token for '{FederatedAssertionAudience}'.").ConfigureAwait(false);
                return;
            }
        }
        else if (secret is null)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.").ConfigureAwait(false);
            return;
        }
        else if (options.AzureClients.TryGetValue(clientId, out var expected) && !OAuthEndpoints.SecretEquals(secret, expected))
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.").ConfigureAwait(false);
            return;
        }

        var lifetime = options.TokenLifetime;
        var seconds = (long)Math.Ceiling(lifetime.TotalSeconds);
        await EmulatorJson.WriteAsync(context, new
        {
            token_type = "Bearer",
            expires_in = seconds,
            ext_expires_in = seconds,
            access_token = issuer.IssueAccessToken(lifetime, resource, TokenIssuer.EntraTokenPrefix),
        }).ConfigureAwait(false);
    }

    /// <summary>client_secret_post first (what MSAL sends), then HTTP Basic.</summary>
    private static (string? ClientId, string? Secret) ClientCredentials(HttpContext context, IFormCollection form)
    {
        var id = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        if (secret.Length > 0)
        {
            return (id, secret);
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
            }
        }

        return (id.Length > 0 ? id : null, null);
    }

    /// <summary>Entra ID's error shape: <c>error</c>, <c>error_description</c> with an AADSTS code and trace ids, <c>error_codes</c>.</summary>
    internal static Task ErrorAsync(HttpContext context, int status, string error, int code, string description)
    {
        var trace = Guid.NewGuid();
        var correlation = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        // An echo (hostile mode) goes before the trace ids, which clients cut off.
        var text = CredentialEcho.Append(context, string.Create(CultureInfo.InvariantCulture, $"AADSTS{code}: {description}"))
            + string.Create(CultureInfo.InvariantCulture, $" Trace ID: {trace} Correlation ID: {correlation} Timestamp: {now}");
        return EmulatorJson.WriteAsync(
            context,
            new
            {
                error,
                error_description = text,
                error_codes = new[] { code },
                timestamp = now,
                trace_id = trace,
                correlation_id = correlation,
            },
            status);
    }
}
