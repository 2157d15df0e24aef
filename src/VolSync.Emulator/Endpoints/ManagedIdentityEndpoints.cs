using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VolSync.Emulator.Auth;
using VolSync.Emulator.Hosting;

namespace VolSync.Emulator.Endpoints;

/// <summary>
/// Stand-ins for the managed-identity endpoints: the instance metadata service of a VM
/// (<c>GET /metadata/identity/oauth2/token</c> with <c>Metadata: true</c>; point
/// <c>AZURE_POD_IDENTITY_AUTHORITY_HOST</c> at the emulator) and the App Service / Functions endpoint
/// (<c>GET /msi/token</c> with <c>X-IDENTITY-HEADER</c>; set <c>IDENTITY_ENDPOINT=&lt;base&gt;/msi/token</c>).
/// </summary>
internal static class ManagedIdentityEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/metadata/identity/oauth2/token", (HttpContext c) => InstanceMetadataAsync(c));
        app.MapGet("/msi/token", (HttpContext c) => AppServiceAsync(c));
    }

    private static Task InstanceMetadataAsync(HttpContext context)
    {
        if (!string.Equals(context.Request.Headers["Metadata"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return EmulatorJson.WriteAsync(context, new { error = "invalid_request", error_description = CredentialEcho.Append(context, "Required metadata header not specified") }, StatusCodes.Status400BadRequest);
        }

        return IssueAsync(context, appService: false);
    }

    private static Task AppServiceAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        var header = context.Request.Headers["X-IDENTITY-HEADER"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(options.IdentityHeader)))
        {
            return EmulatorJson.WriteAsync(context, new { statusCode = 401, message = CredentialEcho.Append(context, "The X-IDENTITY-HEADER header is missing or wrong.") }, StatusCodes.Status401Unauthorized);
        }

        return IssueAsync(context, appService: true);
    }

    private static Task IssueAsync(HttpContext context, bool appService)
    {
        var resource = context.Request.Query["resource"].ToString();
        if (!EntraEndpoints.IsKnownResource(resource))
        {
            return EmulatorJson.WriteAsync(context, new { error = "invalid_resource", error_description = $"AADSTS500011: The resource principal named '{resource}' was not found in the tenant." }, StatusCodes.Status400BadRequest);
        }

        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        var issuer = context.RequestServices.GetRequiredService<TokenIssuer>();
        var lifetime = options.TokenLifetime;
        var token = issuer.IssueAccessToken(lifetime, resource, TokenIssuer.EntraTokenPrefix);
        var clientId = context.Request.Query["client_id"].ToString() is { Length: > 0 } id ? id : "system-assigned-identity";
        var seconds = ((long)Math.Ceiling(lifetime.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var expiresOn = (DateTimeOffset.UtcNow + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // Both answer with strings; only the metadata service says expires_in.
        return appService
            ? EmulatorJson.WriteAsync(context, new { access_token = token, expires_on = expiresOn, resource, token_type = "Bearer", client_id = clientId })
            : EmulatorJson.WriteAsync(context, new { access_token = token, client_id = clientId, expires_in = seconds, expires_on = expiresOn, ext_expires_in = seconds, resource, token_type = "Bearer" });
    }
}
