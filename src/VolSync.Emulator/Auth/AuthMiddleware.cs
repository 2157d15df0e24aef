using System.Security.Cryptography;
using System.Text;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Hosting;

namespace VolSync.Emulator.Auth;

/// <summary>
/// Bearer authentication of the REST API: any token, or only <see cref="EmulatorOptions.RequiredToken"/>,
/// plus unexpired tokens from the emulator's OAuth endpoint. Refusals come in the front door's shape, as on real
/// workspaces: a wrong or expired token is 403 "Invalid access token.", a missing or non-bearer credential is 401.
/// </summary>
internal sealed class AuthMiddleware
{
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
}
