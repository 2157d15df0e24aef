using System.Security.Cryptography;
using System.Text;
using VolSync.Emulator.Endpoints;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Hosting;

namespace VolSync.Emulator.Auth;

/// <summary>
/// Bearer authentication of the REST API: any token, or only <see cref="EmulatorOptions.RequiredToken"/>,
/// plus unexpired tokens from the emulator's OAuth endpoint and its Entra ID stand-in. Refusals come in the front
/// door's shape, as on real workspaces: a wrong or expired token is 403 "Invalid access token.", a missing or
/// non-bearer credential is 401. Like Azure Databricks, a request that names a workspace resource id must name this
/// workspace's, and a service-management token sent with it must be valid.
/// </summary>
internal sealed class AuthMiddleware
{
    public const string ResourceIdHeader = "X-Databricks-Azure-Workspace-Resource-Id";
    public const string ManagementTokenHeader = "X-Databricks-Azure-SP-Management-Token";

    private readonly RequestDelegate _next;
    private readonly EmulatorOptions _options;
    private readonly TokenIssuer _issuer;

    public AuthMiddleware(RequestDelegate next, EmulatorOptions options, TokenIssuer issuer)
    {
        _next = next;
        _options = options;
        _issuer = issuer;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (RequestPaths.IsApi(context))
        {
            var token = BearerToken(context);
            if (token is null)
            {
                throw ApiError.CredentialNotSent();
            }

            if (!IsAccepted(token))
            {
                throw ApiError.InvalidAccessToken();
            }

            CheckAzureHeaders(context);
        }

        await _next(context).ConfigureAwait(false);
    }

    public static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private bool IsAccepted(string token)
    {
        if (TokenIssuer.LooksIssued(token))
        {
            return _issuer.IsValidAccessToken(token);
        }

        var required = _options.RequiredToken;
        return required is null || CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(required));
    }

    private void CheckAzureHeaders(HttpContext context)
    {
        var resourceId = context.Request.Headers[ResourceIdHeader].ToString();
        if (resourceId.Length == 0)
        {
            return;
        }

        if (_options.AzureWorkspaceResourceId is { } expected && !string.Equals(resourceId, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiError.PermissionDenied($"The Azure resource id '{resourceId}' does not identify this workspace.");
        }

        var management = context.Request.Headers[ManagementTokenHeader].ToString();
        if (management.Length > 0 && !_issuer.IsValid(management, EntraEndpoints.ManagementResource))
        {
            throw new ApiError(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "Invalid Azure service management token.");
        }
    }
}
