namespace VolSync.Remote.Databricks;

/// <summary>What kind of failure a Databricks error response is; each kind has its own VOLSYNC code.</summary>
internal enum ApiErrorKind
{
    BadRequest,
    Unauthenticated,

    /// <summary>The front door refused the token itself (invalid, expired, revoked): renewing it helps, grants do not.</summary>
    InvalidToken,

    /// <summary>The front door saw no credential it could use, although one was sent (stripped on the way, or not a bearer token).</summary>
    CredentialNotSent,
    PermissionDenied,
    NotFound,
    Conflict,
    Throttled,
    ServerError,
}
